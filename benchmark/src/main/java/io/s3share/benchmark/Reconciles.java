package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reconciles the operator started, by controller, from JOSDK's Micrometer counters on its {@code
 * /metrics}: what S5 waits on to call the operator settled and what S6 counts.
 */
final class Reconciles {

  // JOSDK's "operator.sdk.reconciliations.started", tagged with the controller's name.
  static final String STARTED = "operator_sdk_reconciliations_started_total";

  private Reconciles() {}

  /**
   * Reconciles started so far, by controller name (bucketshare, sharingpolicy, ...): JOSDK tags the
   * counter with the controller's name or, in some versions, only with its resource's kind.
   */
  static Map<String, Double> byController(PrometheusText metrics) {
    return metrics.sumBy(STARTED, Reconciles::controllerOf);
  }

  static String controllerOf(Map<String, String> labels) {
    for (String key : List.of("controller_name", "controller", "name")) {
      if (labels.containsKey(key)) {
        return labels.get(key);
      }
    }
    String kind = labels.get("kind");
    return kind == null ? "unlabelled " + labels.keySet() : kind.toLowerCase(Locale.ROOT);
  }

  static double total(PrometheusText metrics) {
    return metrics.sum(STARTED, Map.of());
  }

  /**
   * Waits until the operator has started no reconcile for {@code quiet}: every event it was given
   * has been handled. Resync periods longer than the wait keep it from counting a resync.
   */
  static void awaitQuiet(OperatorJvm operator, Duration quiet, Duration atMost) {
    AtomicReference<Double> last = new AtomicReference<>(-1.0);
    AtomicReference<Instant> since = new AtomicReference<>(Instant.now());
    await("the operator starts no reconcile for " + quiet)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the operator's JVM exited; see " + operator.log, () -> !operator.alive())
        .until(
            () -> {
              PrometheusText metrics = operator.metrics();
              double now = total(metrics);
              // JOSDK's gauge of reconciles running, one per controller. (Its queue_size gauge
              // counts the resources it tracks, not the events waiting, and never drains.)
              double pending = metrics.sumStartingWith("operator_sdk_reconciliations_executions_");
              if (now != last.getAndSet(now) || pending > 0) {
                since.set(Instant.now());
                return false;
              }
              return Duration.between(since.get(), Instant.now()).compareTo(quiet) >= 0;
            });
  }
}
