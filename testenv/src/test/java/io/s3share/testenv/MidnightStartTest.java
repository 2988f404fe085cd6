package io.s3share.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MidnightStartTest {

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void aStartWhoseTimeoutWouldPassMidnightWaitsForIt() {
    assertThat(MidnightStart.waitBefore(LocalTime.of(23, 59, 30), TIMEOUT))
        .isEqualTo(Duration.ofSeconds(31));
    assertThat(MidnightStart.waitBefore(LocalTime.of(23, 58, 0), TIMEOUT))
        .isEqualTo(Duration.ofSeconds(121));
  }

  @Test
  void anyOtherStartGoesAhead() {
    assertThat(MidnightStart.waitBefore(LocalTime.of(23, 57, 59), TIMEOUT)).isZero();
    assertThat(MidnightStart.waitBefore(LocalTime.of(0, 0, 1), TIMEOUT)).isZero();
    assertThat(MidnightStart.waitBefore(LocalTime.NOON, TIMEOUT)).isZero();
  }
}
