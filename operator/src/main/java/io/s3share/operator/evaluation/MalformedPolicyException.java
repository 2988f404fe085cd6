package io.s3share.operator.evaluation;

/** A policy document the evaluator cannot read; the message says which document and what to fix. */
public final class MalformedPolicyException extends RuntimeException {

  public MalformedPolicyException(String message) {
    super(message);
  }

  public MalformedPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
