package io.s3share.operator.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to reconcile again so that an expiry or a review falls due on time: a timer, not a poll.
 * Pure.
 */
public final class Timers {

  /**
   * The shortest timer: a change due in less is looked at this soon anyway, without reconciling in
   * a tight loop when clocks disagree by a little.
   */
  static final Duration MINIMUM = Duration.ofMillis(500);

  private Timers() {}

  /** The delay until {@code nextChange}, but never longer than {@code resync}. */
  public static Duration requeueAfter(Optional<Instant> nextChange, Instant now, Duration resync) {
    if (nextChange.isEmpty()) {
      return resync;
    }
    Duration until = Duration.between(now, nextChange.get());
    if (until.compareTo(MINIMUM) < 0) {
      return MINIMUM;
    }
    return until.compareTo(resync) < 0 ? until : resync;
  }
}
