package io.s3share.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Identical warnings on the same object are recorded once per window, changes always. */
class EventRecorderTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void identicalRepeatWithinTheWindowIsSkippedAndAChangeIsNot() {
    MutableClock clock = new MutableClock(T0);
    EventRecorder events = new EventRecorder(null, clock, "default");
    ConfigMap object = object("a", "uid-a");

    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isFalse();
    clock.now = T0.plus(Duration.ofMinutes(1));
    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isTrue();
    assertThat(events.isRepeat(object, "Warning", "BucketNotFound", "m")).isFalse();
    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isFalse();
    assertThat(events.isRepeat(object("b", "uid-b"), "Warning", "AccessDenied", "m")).isFalse();
  }

  @Test
  void identicalRepeatAfterTheWindowIsRecordedAgain() {
    MutableClock clock = new MutableClock(T0);
    EventRecorder events = new EventRecorder(null, clock, "default");
    ConfigMap object = object("a", "uid-a");

    assertThat(events.isRepeat(object, "Warning", "BucketNotFound", "m")).isFalse();
    clock.now = T0.plus(EventRecorder.REPEAT_WINDOW).plusSeconds(1);
    assertThat(events.isRepeat(object, "Warning", "BucketNotFound", "m")).isFalse();
  }

  private static ConfigMap object(String name, String uid) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .build();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
