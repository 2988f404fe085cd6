package io.s3share.operator.posture;

import java.util.Optional;

/**
 * One setting of a bucket as read from AWS: known, or unreadable because the operator may not read
 * it, with the IAM action it lacks.
 */
public sealed interface Fact<T> {

  /** A setting that was read. */
  record Known<T>(T value) implements Fact<T> {}

  /** A setting the operator was not allowed to read. */
  record Unreadable<T>(String iamAction) implements Fact<T> {}

  static <T> Fact<T> known(T value) {
    return new Known<>(value);
  }

  static <T> Fact<T> unreadable(String iamAction) {
    return new Unreadable<>(iamAction);
  }

  /** The value, when it was read. */
  default Optional<T> read() {
    return this instanceof Known<T> known ? Optional.of(known.value()) : Optional.empty();
  }
}
