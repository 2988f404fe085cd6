package io.s3share.operator.evaluation;

/** The effect of one policy statement. */
public enum Effect {
  ALLOW,
  DENY
}
