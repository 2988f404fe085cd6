package io.s3share.operator.api.v1alpha1;

/** The AWS mechanism a share is granted through. */
public enum ShareVia {
  /** Statements in the bucket's own policy. */
  BucketPolicy,
  /** An S3 access point of its own, whose policy grants the consumers. */
  AccessPoint,
  /**
   * The bucket policy while its size budget holds, otherwise an access point; chosen once, at the
   * first grant, and kept.
   */
  Auto
}
