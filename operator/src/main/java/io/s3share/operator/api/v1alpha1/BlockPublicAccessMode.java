package io.s3share.operator.api.v1alpha1;

/** What a SharedBucket does about the bucket's Block Public Access settings. */
public enum BlockPublicAccessMode {
  /** All four bucket-level settings on; the operator turns any that is off back on. */
  Require,
  /** The settings are only read and reported. */
  Report
}
