package io.s3share.operator.sharingpolicy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the SharingPolicy bookkeeping, as the Prometheus counters {@code
 * s3share_sharingpolicy_reconciles_total} and {@code s3share_sharingpolicy_index_writes_total}: how
 * often a policy's status is re-counted and how often the admission index is written. Both should
 * follow changes to policies and namespace labels, and stay flat while shares merely come and go in
 * namespaces that no policy selects.
 */
public final class SharingPolicyMetrics {

  public static final String RECONCILES = "s3share.sharingpolicy.reconciles";
  public static final String INDEX_WRITES = "s3share.sharingpolicy.index.writes";

  private final Counter reconciles;
  private final Counter indexWrites;

  public SharingPolicyMetrics(MeterRegistry registry) {
    // Registered up front, so that the series exist (at 0) before the first reconcile.
    reconciles =
        Counter.builder(RECONCILES)
            .description("SharingPolicy reconciles: each re-counts one policy's status")
            .register(registry);
    indexWrites =
        Counter.builder(INDEX_WRITES)
            .description("Writes of the SharingPolicyIndex that the admission policy reads")
            .register(registry);
  }

  void reconciled() {
    reconciles.increment();
  }

  void indexWritten() {
    indexWrites.increment();
  }
}
