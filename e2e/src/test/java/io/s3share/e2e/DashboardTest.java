package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard is valid JSON with a query in every panel, and the metric names are
 * read out of its PromQL correctly (ExamplesUnderChartRbacIT checks them against a real scrape).
 */
class DashboardTest {

  @Test
  void isValidJsonWithAQueryInEveryPanel() {
    JsonNode dashboard = Dashboard.json();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("panels")).isNotEmpty();
    dashboard
        .path("panels")
        .forEach(
            panel -> {
              if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
              }
            });
    List<String> expressions = Dashboard.expressions(dashboard);
    assertThat(expressions).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
    assertThat(expressions.stream().flatMap(e -> Dashboard.metricNames(e).stream()))
        .contains(
            "s3share_resources",
            "s3share_aws_calls_total",
            "s3share_bucket_policy_bytes",
            "s3share_races_total",
            "jvm_memory_used_bytes");
  }

  @Test
  void readsMetricNamesButNotFunctionsLabelsOrRanges() {
    assertThat(
            Dashboard.metricNames(
                "sum by (operation, outcome) (rate(s3share_aws_calls_total{outcome=\"failure\","
                    + " service=~\"S3|Iam\"}[$__rate_interval])) / ignoring(outcome)"
                    + " max(s3share_bucket_policy_limit_bytes) offset 5m > 0.8"))
        .containsExactlyInAnyOrder("s3share_aws_calls_total", "s3share_bucket_policy_limit_bytes");
    assertThat(Dashboard.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))"))
        .containsExactly("x_bucket");
  }

  @Test
  void readsTheNamesOfAScrape() {
    assertThat(
            Dashboard.scrapedNames(
                "# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\"} 1.0\nb 2\n"))
        .containsExactlyInAnyOrder("a_total", "b");
  }
}
