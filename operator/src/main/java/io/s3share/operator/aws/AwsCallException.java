package io.s3share.operator.aws;

/**
 * An AWS call that failed after the SDK's own retries, classified for the reconciler: terminal
 * failures need a change to the spec or to AWS; retryable ones go away by themselves.
 */
public final class AwsCallException extends RuntimeException {

  private final boolean retryable;
  private final String reason;
  private final String deniedAction;

  private AwsCallException(
      boolean retryable, String reason, String message, Throwable cause, String deniedAction) {
    super(message, cause);
    this.retryable = retryable;
    this.reason = reason;
    this.deniedAction = deniedAction;
  }

  /** AWS refused {@code iamAction}: the operator's identity lacks that permission. */
  public static AwsCallException accessDenied(String message, Throwable cause, String iamAction) {
    return new AwsCallException(false, "AccessDenied", message, cause, iamAction);
  }

  /** Only a change to the spec or to AWS can help. */
  public static AwsCallException terminal(String reason, String message, Throwable cause) {
    return new AwsCallException(false, reason, message, cause, null);
  }

  /** Throttling, 5xx, network trouble: try again later. */
  public static AwsCallException retryable(String reason, String message, Throwable cause) {
    return new AwsCallException(true, reason, message, cause, null);
  }

  public boolean isRetryable() {
    return retryable;
  }

  /** The IAM action AWS refused, for AccessDenied failures. */
  public java.util.Optional<String> deniedAction() {
    return java.util.Optional.ofNullable(deniedAction);
  }

  /** CamelCase reason for status conditions, e.g. {@code AccessDenied}. */
  public String reason() {
    return reason;
  }
}
