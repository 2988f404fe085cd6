package io.s3share.testenv;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Keeps kube-api-test's startup timeout off midnight.
 *
 * <p>kube-api-test 7.5.2 measures its readiness timeouts on the time of day ({@code
 * LocalTime.now()} plus the timeout, then {@code isAfter}). When that sum passes midnight it wraps
 * to the early morning, every check already lies "after" it, and a start fails at once with "did
 * not start properly", leaving etcd running. Waiting for midnight to pass costs at most one
 * timeout, on a start that falls in that window once a day.
 */
final class MidnightStart {

  private MidnightStart() {}

  /** How long to wait before a start at {@code now} so that its timeout ends on the same day. */
  static Duration waitBefore(LocalTime now, Duration timeout) {
    Duration untilMidnight = Duration.between(now, LocalTime.MAX).plusNanos(1);
    // A margin for the seconds etcd takes before the API server's own timeout starts.
    Duration window = timeout.plusSeconds(30);
    return untilMidnight.compareTo(window) <= 0 ? untilMidnight.plusSeconds(1) : Duration.ZERO;
  }

  /** Sleeps until a start now would not fail for that reason. */
  static void awaitSafeStart(Duration timeout) {
    Duration wait = waitBefore(LocalTime.now(), timeout);
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for midnight to pass", e);
    }
  }
}
