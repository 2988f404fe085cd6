package io.s3share.operator.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The requeue is min(time until the next change, resync period), and never a tight loop. */
class TimersTest {

  static final Duration RESYNC = Duration.ofMinutes(10);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void nothingDueMeansTheResyncPeriod() {
    assertThat(Timers.requeueAfter(Optional.empty(), CLOCK.instant(), RESYNC)).isEqualTo(RESYNC);
  }

  @Test
  void aChangeDueBeforeTheResyncIsLookedAtWhenItIsDue() {
    Instant due = CLOCK.instant().plusSeconds(42);
    assertThat(Timers.requeueAfter(Optional.of(due), CLOCK.instant(), RESYNC))
        .isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void aChangeDueAfterTheResyncWaitsForTheResync() {
    Instant due = CLOCK.instant().plus(Duration.ofDays(3));
    assertThat(Timers.requeueAfter(Optional.of(due), CLOCK.instant(), RESYNC)).isEqualTo(RESYNC);
  }

  @Test
  void aChangeDueNowOrJustPassedIsLookedAtSoonButNotInATightLoop() {
    assertThat(Timers.requeueAfter(Optional.of(CLOCK.instant()), CLOCK.instant(), RESYNC))
        .isEqualTo(Timers.MINIMUM);
    assertThat(
            Timers.requeueAfter(
                Optional.of(CLOCK.instant().minusSeconds(5)), CLOCK.instant(), RESYNC))
        .isEqualTo(Timers.MINIMUM);
  }
}
