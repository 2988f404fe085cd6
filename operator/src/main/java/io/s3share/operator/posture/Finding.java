package io.s3share.operator.posture;

import java.util.Comparator;

/**
 * One problem of a bucket's posture, with what to do about it. Messages carry no request ids and no
 * times, so the same posture always gives the same findings.
 */
public record Finding(String reason, Severity severity, String message) {

  /** Blocking first, then by reason, then by message: status never reorders. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::reason)
          .thenComparing(Finding::message);
}
