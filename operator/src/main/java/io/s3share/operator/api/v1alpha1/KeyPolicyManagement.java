package io.s3share.operator.api.v1alpha1;

/** Whether the operator keeps consumers' statements in a bucket's KMS key policy. */
public enum KeyPolicyManagement {
  /** The operator adds, updates and removes the statements it owns in the key policy. */
  Manage,
  /**
   * The key policy is managed elsewhere: the operator only reports, in each share's status, the
   * statement a consumer still lacks.
   */
  Report
}
