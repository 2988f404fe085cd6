package io.s3share.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  static final String SCRAPE =
      """
      # HELP operator_sdk_reconciliations_started_total
      # TYPE operator_sdk_reconciliations_started_total counter
      operator_sdk_reconciliations_started_total{controller_name="bucketshare",kind="BucketShare"} 12.0
      operator_sdk_reconciliations_started_total{controller_name="sharingpolicy",kind="SharingPolicy"} 100.0
      apiserver_request_total{code="200",resource="bucketshares",subresource="status",verb="PATCH"} 7
      apiserver_request_total{code="200",resource="",verb="GET"} 40
      process_start_time_seconds 1.7E9
      """;

  @Test
  void sumsSamplesByNameAndLabels() {
    PrometheusText metrics = PrometheusText.parse(SCRAPE);

    assertThat(metrics.sum(Reconciles.STARTED, Map.of())).isEqualTo(112.0);
    assertThat(metrics.sum(Reconciles.STARTED, Map.of("controller_name", "sharingpolicy")))
        .isEqualTo(100.0);
    assertThat(Reconciles.byController(metrics))
        .containsEntry("bucketshare", 12.0)
        .containsEntry("sharingpolicy", 100.0);
    assertThat(metrics.sum("process_start_time_seconds", Map.of())).isEqualTo(1.7e9);
  }

  @Test
  void growthKeepsWhatGrew() {
    assertThat(
            PrometheusText.growth(Map.of("a", 1.0, "b", 5.0), Map.of("a", 1.0, "b", 7.0, "c", 2.0)))
        .isEqualTo(Map.of("b", 2.0, "c", 2.0));
  }
}
