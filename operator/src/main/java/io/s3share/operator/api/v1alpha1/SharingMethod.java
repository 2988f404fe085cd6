package io.s3share.operator.api.v1alpha1;

/** The AWS mechanisms a SharingPolicy can allow. */
public enum SharingMethod {
  /** A BucketShare with {@code via: BucketPolicy}. */
  BucketPolicy,
  /** A BucketShare with {@code via: AccessPoint}. */
  AccessPoint,
  /** A CrossAccountRole. */
  CrossAccountRole
}
