package io.s3share.operator.posture;

import java.util.Optional;

/**
 * One setting of a bucket as read from AWS: known, or unreadable because the operator may not read
 * it, with the IAM action it lacks.
 */
public sealed interface Fact<T> {

  /** A setting that was read. */
  record Known<T>(T value) implements Fact<T> {}

  /**
   * A setting the operator could not read.
   *
   * @param iamAction the action of the read that failed
   * @param denied true when AWS refused it (the operator's role lacks the action); false when the
   *     service is not available at the endpoint or kept failing
   */
  record Unreadable<T>(String iamAction, boolean denied) implements Fact<T> {}

  static <T> Fact<T> known(T value) {
    return new Known<>(value);
  }

  /** Refused: the operator's role lacks {@code iamAction}. */
  static <T> Fact<T> unreadable(String iamAction) {
    return new Unreadable<>(iamAction, true);
  }

  /** Not available at the endpoint, or AWS kept failing. */
  static <T> Fact<T> unavailable(String iamAction) {
    return new Unreadable<>(iamAction, false);
  }

  /** The value, when it was read. */
  default Optional<T> read() {
    return this instanceof Known<T> known ? Optional.of(known.value()) : Optional.empty();
  }
}
