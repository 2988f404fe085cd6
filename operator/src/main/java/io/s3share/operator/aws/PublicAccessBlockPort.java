package io.s3share.operator.aws;

/** The bucket-level Block Public Access settings of one account's buckets. */
public interface PublicAccessBlockPort {

  /**
   * Whether RestrictPublicBuckets is on for the bucket: then, while its policy is public, S3 lets
   * only the bucket's own account and AWS services in. False when the bucket has no settings.
   */
  boolean restrictsPublicBuckets(String bucket);

  /** The four bucket-level settings; all false when the bucket has none. */
  record BucketSettings(
      boolean blockPublicAcls,
      boolean ignorePublicAcls,
      boolean blockPublicPolicy,
      boolean restrictPublicBuckets) {

    public boolean allOn() {
      return blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets;
    }
  }

  /** The bucket's four Block Public Access settings. */
  BucketSettings readBucketSettings(String bucket);

  /** Turns all four bucket-level settings on. */
  void blockAll(String bucket);
}
