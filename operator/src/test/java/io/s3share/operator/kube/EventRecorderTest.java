package io.s3share.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.s3share.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Identical warnings on the same object are recorded once per window, changes always. */
class EventRecorderTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void identicalRepeatWithinTheWindowIsSkippedAndAChangeIsNot() {
    SettableClock clock = new SettableClock(T0);
    EventRecorder events = new EventRecorder(null, clock, "default");
    ConfigMap object = object("a", "uid-a");

    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isFalse();
    clock.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isTrue();
    assertThat(events.isRepeat(object, "Warning", "BucketNotFound", "m")).isFalse();
    assertThat(events.isRepeat(object, "Warning", "AccessDenied", "m")).isFalse();
    assertThat(events.isRepeat(object("b", "uid-b"), "Warning", "AccessDenied", "m")).isFalse();
  }

  @Test
  void identicalRepeatAfterTheWindowIsRecordedAgain() {
    SettableClock clock = new SettableClock(T0);
    EventRecorder events = new EventRecorder(null, clock, "default");
    ConfigMap object = object("a", "uid-a");

    assertThat(events.isRepeat(object, "Warning", "BucketNotFound", "m")).isFalse();
    clock.set(T0.plus(EventRecorder.REPEAT_WINDOW).plusSeconds(1));
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
}
