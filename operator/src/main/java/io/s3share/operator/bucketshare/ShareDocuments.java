package io.s3share.operator.bucketshare;

import java.util.Optional;

/**
 * The documents read back from AWS that decide a share's access; plain text, as AWS returned it.
 *
 * @param ownerAccountId the bucket's account
 * @param region the bucket's Region, for {@code kms:ViaService}
 * @param bucketPolicy the bucket policy, empty when the bucket has none
 * @param accessPointArn the share's access point, when it is granted through one
 * @param accessPointPolicy that access point's policy, empty when it has none
 * @param key the bucket's default KMS key, as far as it matters to the share
 * @param restrictsPublicBuckets whether the bucket's Block Public Access has RestrictPublicBuckets
 *     on; read only when its policy is public, false otherwise
 */
public record ShareDocuments(
    String ownerAccountId,
    String region,
    Optional<String> bucketPolicy,
    Optional<String> accessPointArn,
    Optional<String> accessPointPolicy,
    KeySide key,
    boolean restrictsPublicBuckets) {

  /** What the bucket's default encryption means for the consumers. */
  public sealed interface KeySide {}

  /** No KMS key is involved: no SSE-KMS default, or the share neither reads nor writes objects. */
  public record NoKey() implements KeySide {}

  /**
   * A customer managed key in the bucket's account, with its policy.
   *
   * @param bucketKeyEnabled whether S3 Bucket Keys are on: S3 then asks KMS with the bucket's ARN
   *     as encryption context instead of the object's
   */
  public record CustomerKey(String keyArn, String policy, boolean bucketKeyEnabled)
      implements KeySide {

    public CustomerKey(String keyArn, String policy) {
      this(keyArn, policy, false);
    }

    /** The same key with the policy as it is now, e.g. after a write. */
    public CustomerKey withPolicy(String current) {
      return new CustomerKey(keyArn, current, bucketKeyEnabled);
    }
  }

  /** The AWS managed key {@code aws/s3}: its policy only serves the bucket's own account. */
  public record AwsManagedKey(String keyId) implements KeySide {}

  /**
   * A key whose policy cannot be read; {@code why} says what to do.
   *
   * @param key the key as the bucket names it, empty when the encryption itself was not read
   */
  public record UnreadableKey(Cause cause, String key, String why) implements KeySide {}

  /** Why a key's policy was not read, so that each reader can say what to do in its own terms. */
  public enum Cause {
    /** The bucket's default encryption could not be read: s3:GetEncryptionConfiguration. */
    ENCRYPTION_NOT_READABLE,
    /** The key policy could not be read: kms:GetKeyPolicy. */
    POLICY_NOT_READABLE,
    /** The key is in another account, whose key policy is not ours to read. */
    OTHER_ACCOUNT,
    /** The bucket names the key by an alias, which is not resolved. */
    ALIAS,
    /** The key the bucket names does not exist. */
    MISSING
  }

  public static final KeySide NO_KEY = new NoKey();
}
