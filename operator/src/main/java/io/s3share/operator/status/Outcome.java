package io.s3share.operator.status;

import java.util.Objects;

/**
 * What one reconcile concluded, in kstatus terms: ready, still converging, or stuck until the spec
 * or AWS changes. Reasons are CamelCase; messages say what to do.
 */
public record Outcome(State state, String reason, String message) {

  /** The three kstatus summaries. */
  public enum State {
    READY,
    RECONCILING,
    STALLED
  }

  public Outcome {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static Outcome ready(String reason, String message) {
    return new Outcome(State.READY, reason, message);
  }

  public static Outcome reconciling(String reason, String message) {
    return new Outcome(State.RECONCILING, reason, message);
  }

  public static Outcome stalled(String reason, String message) {
    return new Outcome(State.STALLED, reason, message);
  }

  public boolean isReady() {
    return state == State.READY;
  }
}
