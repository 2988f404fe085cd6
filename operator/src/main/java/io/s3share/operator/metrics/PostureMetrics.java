package io.s3share.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The posture findings per bucket and kind: {@code s3share_posture_findings{bucket, account,
 * reason}} counts the shares and role grants that report the finding. A series disappears when no
 * share or grant reports it any more.
 */
public final class PostureMetrics {

  public static final String FINDINGS = "s3share.posture.findings";

  /** What one share or role grant last reported about its bucket. */
  private record Report(String account, String bucket, Set<String> reasons) {}

  private record Series(String account, String bucket, String reason) {}

  private final MultiGauge gauge;
  private final Map<String, Report> reports = new HashMap<>();

  public PostureMetrics(MeterRegistry registry) {
    gauge =
        MultiGauge.builder(FINDINGS)
            .description(
                "Posture findings per bucket and reason: the number of shares and role grants"
                    + " that report each")
            .register(registry);
  }

  /**
   * Records the findings a share or role grant reports about its bucket.
   *
   * @param reporter identifies the share or grant, e.g. {@code BucketShare/ns/name}
   */
  public synchronized void report(
      String reporter, String account, String bucket, Set<String> reasons) {
    reports.put(reporter, new Report(account, bucket, Set.copyOf(reasons)));
    publish();
  }

  /** Forgets every report whose reporter starts with {@code reporterPrefix}. */
  public synchronized void forget(String reporterPrefix) {
    if (reports.keySet().removeIf(r -> r.startsWith(reporterPrefix))) {
      publish();
    }
  }

  private void publish() {
    Map<Series, Integer> counts =
        new TreeMap<>(
            java.util.Comparator.comparing(Series::account)
                .thenComparing(Series::bucket)
                .thenComparing(Series::reason));
    for (Report report : reports.values()) {
      for (String reason : report.reasons()) {
        counts.merge(new Series(report.account(), report.bucket(), reason), 1, Integer::sum);
      }
    }
    List<MultiGauge.Row<?>> rows =
        counts.entrySet().stream()
            .<MultiGauge.Row<?>>map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "account", e.getKey().account(),
                            "bucket", e.getKey().bucket(),
                            "reason", e.getKey().reason()),
                        e.getValue()))
            .toList();
    gauge.register(rows, true);
  }
}
