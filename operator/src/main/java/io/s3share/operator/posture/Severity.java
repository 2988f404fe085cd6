package io.s3share.operator.posture;

/** How much a finding matters to a share. */
public enum Severity {
  /** Stops the share from working for its consumers. */
  Blocking,
  /** Breaks one of AWS's best practices; the share works. */
  BestPractice
}
