package io.s3share.operator.kms;

import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.bucketshare.BucketKey;

/** Who decides whether the operator writes a bucket's KMS key policy or only reports on it. */
@FunctionalInterface
public interface KeyPolicyModes {

  /** Manage when nothing says otherwise. */
  KeyPolicyManagement modeFor(BucketKey bucket);
}
