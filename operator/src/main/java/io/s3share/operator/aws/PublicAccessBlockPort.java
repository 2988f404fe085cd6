package io.s3share.operator.aws;

import java.util.Optional;

/** The bucket-level Block Public Access settings of one account's buckets. */
public interface PublicAccessBlockPort {

  /** The four Block Public Access settings, as S3 reports them for a bucket or an account. */
  record Settings(
      boolean blockPublicAcls,
      boolean ignorePublicAcls,
      boolean blockPublicPolicy,
      boolean restrictPublicBuckets) {}

  /** The bucket's four settings, or empty when it has none (all off). */
  Optional<Settings> read(String bucket);

  /**
   * Whether RestrictPublicBuckets is on for the bucket: then, while its policy is public, S3 lets
   * only the bucket's own account and AWS services in. False when the bucket has no settings.
   */
  boolean restrictsPublicBuckets(String bucket);

  /** Turns all four bucket-level settings on. */
  void blockAll(String bucket);
}
