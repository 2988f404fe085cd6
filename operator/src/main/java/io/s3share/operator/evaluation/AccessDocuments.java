package io.s3share.operator.evaluation;

import java.util.Optional;

/**
 * Every document that decides one S3 request: the bucket owner and its bucket policy, and when they
 * apply the access point, the KMS key and the caller's identity side. An absent identity side means
 * "not visible to us" (another account's policies), not "empty".
 */
public record AccessDocuments(
    String bucketOwnerAccountId,
    Optional<PolicyDocument> bucketPolicy,
    Optional<AccessPointDocuments> accessPoint,
    Optional<KmsKeyDocuments> kmsKey,
    Optional<IdentityDocuments> identity) {

  /** A bucket owned by the account, with its policy JSON (null when the bucket has none). */
  public static AccessDocuments forBucket(String ownerAccountId, String bucketPolicyJson) {
    return new AccessDocuments(
        ownerAccountId,
        Optional.ofNullable(bucketPolicyJson).map(p -> PolicyDocument.parse("bucket-policy", p)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public AccessDocuments withAccessPoint(AccessPointDocuments value) {
    return new AccessDocuments(
        bucketOwnerAccountId, bucketPolicy, Optional.of(value), kmsKey, identity);
  }

  public AccessDocuments withKmsKey(KmsKeyDocuments value) {
    return new AccessDocuments(
        bucketOwnerAccountId, bucketPolicy, accessPoint, Optional.of(value), identity);
  }

  public AccessDocuments withIdentity(IdentityDocuments value) {
    return new AccessDocuments(
        bucketOwnerAccountId, bucketPolicy, accessPoint, kmsKey, Optional.of(value));
  }
}
