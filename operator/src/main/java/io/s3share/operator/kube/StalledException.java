package io.s3share.operator.kube;

/**
 * A problem only a change to the spec, to another resource or to AWS can solve; reported as Stalled
 * with a CamelCase reason and a message that says what to change.
 */
public final class StalledException extends RuntimeException {

  private final String reason;

  public StalledException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
