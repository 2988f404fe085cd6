package io.s3share.operator.kms;

import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.bucketshare.BucketKey;
import java.util.Optional;
import java.util.function.Function;

/** Who decides whether the operator writes a bucket's KMS key policy or only reports on it. */
@FunctionalInterface
public interface KeyPolicyModes {

  /** Manage when nothing says otherwise. */
  KeyPolicyManagement modeFor(BucketKey bucket);

  /**
   * The mode a bucket's own declaration sets (its SharedBucket's {@code keyPolicy}), and this one
   * where the bucket declares none: the platform team's word on one bucket is more specific than a
   * SharingPolicy covering many.
   */
  default KeyPolicyModes unlessDeclared(
      Function<BucketKey, Optional<KeyPolicyManagement>> declared) {
    return bucket -> declared.apply(bucket).orElseGet(() -> modeFor(bucket));
  }
}
