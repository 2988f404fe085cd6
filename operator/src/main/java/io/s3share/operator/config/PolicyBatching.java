package io.s3share.operator.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How long converges of shares on one bucket are gathered before the bucket's policy is planned and
 * written once for all of them, and how many are gathered at most; whichever comes first.
 *
 * @param batchTime how long the first share of a batch waits for others ({@code
 *     S3SHARE_POLICY_BATCH_TIME}, ISO-8601, default PT0.25S; PT0S writes each share on its own)
 * @param batchSize the most shares in one batch ({@code S3SHARE_POLICY_BATCH_SIZE}, default 100)
 */
public record PolicyBatching(Duration batchTime, int batchSize) {

  public static final Duration DEFAULT_BATCH_TIME = Duration.ofMillis(250);
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** Longer would hold reconcile threads, and the shares' status, for no further saving. */
  public static final Duration MAX_BATCH_TIME = Duration.ofSeconds(10);

  public PolicyBatching {
    if (batchTime.isNegative() || batchTime.compareTo(MAX_BATCH_TIME) > 0) {
      throw new IllegalArgumentException(
          "S3SHARE_POLICY_BATCH_TIME must be between PT0S and PT10S, got: " + batchTime);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "S3SHARE_POLICY_BATCH_SIZE must be at least 1, got: " + batchSize);
    }
  }

  public static PolicyBatching defaults() {
    return new PolicyBatching(DEFAULT_BATCH_TIME, DEFAULT_BATCH_SIZE);
  }

  static PolicyBatching fromEnvironment(Map<String, String> env) {
    return new PolicyBatching(
        batchTime(env.get("S3SHARE_POLICY_BATCH_TIME")),
        batchSize(env.get("S3SHARE_POLICY_BATCH_SIZE")));
  }

  private static Duration batchTime(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_BATCH_TIME;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "S3SHARE_POLICY_BATCH_TIME must be an ISO-8601 duration such as PT0.25S, got: " + value,
          e);
    }
  }

  private static int batchSize(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_BATCH_SIZE;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "S3SHARE_POLICY_BATCH_SIZE must be a whole number such as 100, got: " + value, e);
    }
  }
}
