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
record ShareDocuments(
    String ownerAccountId,
    String region,
    Optional<String> bucketPolicy,
    Optional<String> accessPointArn,
    Optional<String> accessPointPolicy,
    KeySide key,
    boolean restrictsPublicBuckets) {

  /** What the bucket's default encryption means for the consumers. */
  sealed interface KeySide {}

  /** No KMS key is involved: no SSE-KMS default, or the share neither reads nor writes objects. */
  record NoKey() implements KeySide {}

  /** A customer managed key in the bucket's account, with its policy. */
  record CustomerKey(String keyArn, String policy) implements KeySide {}

  /** The AWS managed key {@code aws/s3}: its policy only serves the bucket's own account. */
  record AwsManagedKey(String keyId) implements KeySide {}

  /** A key whose policy the operator cannot read; {@code why} says what to do. */
  record UnreadableKey(String why) implements KeySide {}

  static final KeySide NO_KEY = new NoKey();
}
