package io.s3share.operator.policy;

/** A policy document that cannot be read as an IAM/S3 policy (bad JSON or wrong shape). */
public class InvalidPolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidPolicyException(String message) {
    super(message);
  }

  public InvalidPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
