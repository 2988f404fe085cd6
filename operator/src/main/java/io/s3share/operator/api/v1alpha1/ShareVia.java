package io.s3share.operator.api.v1alpha1;

/** The AWS mechanism a share is granted through. */
public enum ShareVia {
  /** Statements in the bucket's own policy. */
  BucketPolicy
}
