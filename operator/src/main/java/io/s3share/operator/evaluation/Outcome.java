package io.s3share.operator.evaluation;

/** The three answers of IAM policy evaluation. */
public enum Outcome {
  ALLOW,
  EXPLICIT_DENY,
  IMPLICIT_DENY
}
