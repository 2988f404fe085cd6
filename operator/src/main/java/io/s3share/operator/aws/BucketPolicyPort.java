package io.s3share.operator.aws;

import java.util.Optional;

/**
 * The bucket policies of one account. Every S3 call sends ExpectedBucketOwner, so a bucket that was
 * deleted and re-created by another account answers 403 instead of accepting our policy.
 */
public interface BucketPolicyPort {

  /** The bucket's policy document, or empty when it has none. */
  Optional<String> read(String bucket);

  /** Replaces the bucket's policy document; idempotent. */
  void write(String bucket, String policy);

  /** Deletes the bucket's policy; a missing policy or bucket counts as done. */
  void delete(String bucket);

  /**
   * Whether the account itself lists the bucket: tells "the bucket belongs to someone else" apart
   * from "we may not touch it" after a 403. Needs s3:ListAllMyBuckets.
   */
  boolean accountOwns(String bucket);

  /**
   * {@code port} with its reads answered by {@code read} instead, and its writes unchanged: for
   * ports that count reads, or answer them from what the operator saw lately.
   */
  static BucketPolicyPort readingThrough(
      BucketPolicyPort port, java.util.function.Function<String, Optional<String>> read) {
    return new BucketPolicyPort() {
      @Override
      public Optional<String> read(String bucket) {
        return read.apply(bucket);
      }

      @Override
      public void write(String bucket, String policy) {
        port.write(bucket, policy);
      }

      @Override
      public void delete(String bucket) {
        port.delete(bucket);
      }

      @Override
      public boolean accountOwns(String bucket) {
        return port.accountOwns(bucket);
      }
    };
  }
}
