package io.s3share.operator.policy;

/** Which resource an S3 action applies to: the bucket ARN or the object ARNs under it. */
public enum ActionScope {
  BUCKET,
  OBJECT
}
