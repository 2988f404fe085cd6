package io.s3share.operator.aws;

import java.util.Optional;

/** The Object Ownership setting of one account's buckets. */
public interface OwnershipControlsPort {

  /**
   * The bucket's Object Ownership: {@code BucketOwnerEnforced}, {@code BucketOwnerPreferred} or
   * {@code ObjectWriter}; empty when the bucket has no ownership controls, which on AWS means an
   * old bucket with ACLs enabled (new buckets default to BucketOwnerEnforced).
   */
  Optional<String> read(String bucket);

  /** Sets the bucket's Object Ownership. */
  void write(String bucket, String objectOwnership);
}
