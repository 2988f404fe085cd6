package io.s3share.operator.aws;

/**
 * An AWS call that failed after the SDK's own retries, classified for the reconciler: terminal
 * failures need a change to the spec or to AWS; retryable ones go away by themselves.
 */
public final class AwsCallException extends RuntimeException {

  private final boolean retryable;
  private final String reason;

  private AwsCallException(boolean retryable, String reason, String message, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.reason = reason;
  }

  /** Only a change to the spec or to AWS can help. */
  public static AwsCallException terminal(String reason, String message, Throwable cause) {
    return new AwsCallException(false, reason, message, cause);
  }

  /** Throttling, 5xx, network trouble: try again later. */
  public static AwsCallException retryable(String reason, String message, Throwable cause) {
    return new AwsCallException(true, reason, message, cause);
  }

  public boolean isRetryable() {
    return retryable;
  }

  /** CamelCase reason for status conditions, e.g. {@code AccessDenied}. */
  public String reason() {
    return reason;
  }
}
