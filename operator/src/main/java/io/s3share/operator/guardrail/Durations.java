package io.s3share.operator.guardrail;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Durations in words for messages, e.g. {@code 30d 12h}; whole seconds. */
public final class Durations {

  private Durations() {}

  public static String describe(Duration duration) {
    Duration d = duration.truncatedTo(ChronoUnit.SECONDS);
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    d = d.abs();
    List<String> parts = new ArrayList<>();
    if (d.toDaysPart() > 0) {
      parts.add(d.toDaysPart() + "d");
    }
    if (d.toHoursPart() > 0) {
      parts.add(d.toHoursPart() + "h");
    }
    if (d.toMinutesPart() > 0) {
      parts.add(d.toMinutesPart() + "m");
    }
    if (d.toSecondsPart() > 0) {
      parts.add(d.toSecondsPart() + "s");
    }
    return sign + String.join(" ", parts);
  }
}
