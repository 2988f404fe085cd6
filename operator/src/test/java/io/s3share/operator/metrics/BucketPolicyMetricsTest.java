package io.s3share.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BucketPolicyMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final BucketPolicyMetrics metrics = new BucketPolicyMetrics(registry, 20480);

  @Test
  void reportsEachBucketsPolicySizeAsItsWriterLastLeftIt() {
    metrics.converged("111111111111", "reports", "written", 2, 900);
    metrics.converged("111111111111", "reports", "unchanged", 1, 1200);
    metrics.converged("111111111111", "logs", "unchanged", 1, 300);

    assertThat(bytes("reports")).isEqualTo(1200);
    assertThat(bytes("logs")).isEqualTo(300);
    assertThat(
            registry
                .get(BucketPolicyMetrics.POLICY_LIMIT_BYTES)
                .tag("bucket", "reports")
                .tag("account", "111111111111")
                .gauge()
                .value())
        .isEqualTo(20480);
  }

  @Test
  void aDeletedPolicyHasNoSizeUntilItIsWrittenAgain() {
    metrics.converged("111111111111", "reports", "written", 2, 900);
    metrics.deleted("111111111111", "reports");

    assertThat(registry.find(BucketPolicyMetrics.POLICY_BYTES).gauges()).isEmpty();
    assertThat(registry.find(BucketPolicyMetrics.POLICY_LIMIT_BYTES).gauges()).isEmpty();

    metrics.converged("111111111111", "reports", "written", 2, 400);
    assertThat(bytes("reports")).isEqualTo(400);
  }

  @Test
  void countsWritesPerBucketAndTheSharesEachCarried() {
    metrics.wrote("111111111111", "reports", 12);
    metrics.wrote("111111111111", "reports", 1);
    metrics.wrote("111111111111", "logs", 0);

    assertThat(writes("reports")).isEqualTo(2);
    assertThat(writes("logs")).isEqualTo(1);
    var coalesced = registry.get(BucketPolicyMetrics.COALESCED).summary();
    assertThat(coalesced.count()).isEqualTo(3);
    assertThat(coalesced.totalAmount()).as("a write carries at least its own share").isEqualTo(14);
    assertThat(coalesced.max()).isEqualTo(12);
  }

  @Test
  void countsReadsByWhatTheirConvergeDid() {
    metrics.converged("111111111111", "reports", "UNCHANGED", 1, 900);
    metrics.converged("111111111111", "logs", "unchanged", 1, 300);
    metrics.converged("111111111111", "reports", "written", 3, 950);
    metrics.converged("111111111111", "reports", BucketPolicyMetrics.FAILED, 1, null);
    metrics.converged("111111111111", "reports", "written", 0, 950);

    assertThat(reads("unchanged")).isEqualTo(2);
    assertThat(reads("written")).isEqualTo(3);
    assertThat(reads("failed")).isEqualTo(1);
    assertThat(bytes("reports")).as("a failed converge says nothing of the size").isEqualTo(950);
  }

  private double bytes(String bucket) {
    return registry.get(BucketPolicyMetrics.POLICY_BYTES).tag("bucket", bucket).gauge().value();
  }

  private double writes(String bucket) {
    return registry
        .get(BucketPolicyMetrics.WRITES)
        .tag("bucket", bucket)
        .tag("account", "111111111111")
        .counter()
        .count();
  }

  private double reads(String outcome) {
    return registry.get(BucketPolicyMetrics.READS).tag("outcome", outcome).counter().count();
  }
}
