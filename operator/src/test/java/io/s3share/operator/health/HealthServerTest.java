package io.s3share.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.s3share.operator.config.RuntimeConfig;
import io.s3share.operator.metrics.AwsCallMetrics;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class HealthServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readyOnlyOnceStartedAndMetricsInPrometheusFormat() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AwsCallMetrics aws = new AwsCallMetrics(registry);
    ExecutionAttributes call = new ExecutionAttributes();
    call.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "S3");
    call.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "PutBucketPolicy");
    aws.afterExecution(null, call);
    aws.onExecutionFailure(failedWith("SlowDown"), call);
    aws.afterExecution(null, call);
    AtomicBoolean started = new AtomicBoolean();

    try (HealthServer server = HealthServer.start(0, started::get, registry::scrape)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
      started.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains(
              "s3share_aws_calls_total{error_code=\"none\",operation=\"PutBucketPolicy\",outcome=\"success\",service=\"S3\"} 2.0")
          .contains(
              "s3share_aws_calls_total{error_code=\"SlowDown\",operation=\"PutBucketPolicy\",outcome=\"failure\",service=\"S3\"} 1.0");
    }
  }

  /** The SDK's context of a call that failed with AWS error {@code code}. */
  private static Context.FailedExecution failedWith(String code) {
    AwsServiceException failure =
        AwsServiceException.builder()
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .statusCode(503)
            .build();
    return (Context.FailedExecution)
        Proxy.newProxyInstance(
            HealthServerTest.class.getClassLoader(),
            new Class<?>[] {Context.FailedExecution.class},
            (proxy, method, args) -> method.getName().equals("exception") ? failure : null);
  }

  @Test
  void runtimeConfigDefaultsAndLeaderElection() {
    // On by default, even at one replica, with the Lease in the operator's own namespace.
    RuntimeConfig defaults = RuntimeConfig.fromEnvironment(Map.of(), () -> "s3share-system");
    assertThat(defaults.httpPort()).isEqualTo(8080);
    assertThat(defaults.leaderElection()).isTrue();
    assertThat(defaults.leaseNamespace()).contains("s3share-system");
    assertThat(defaults.shutdownTimeout()).isEqualTo(java.time.Duration.ofSeconds(20));
    RuntimeConfig optedOut =
        RuntimeConfig.fromEnvironment(
            Map.of("S3SHARE_LEADER_ELECTION", "false"),
            () -> {
              throw new AssertionError("the own namespace is not needed when opted out");
            });
    assertThat(optedOut.leaderElection()).isFalse();
    assertThatThrownBy(
            () -> RuntimeConfig.fromEnvironment(Map.of("S3SHARE_LEADER_ELECTION", "off")))
        .hasMessageContaining("S3SHARE_LEADER_ELECTION must be true (the default) or false");
    RuntimeConfig elected =
        RuntimeConfig.fromEnvironment(
            Map.of(
                "S3SHARE_LEADER_ELECTION_NAMESPACE", "s3share-system",
                "S3SHARE_HTTP_PORT", "9090"));
    assertThat(elected.leaseNamespace()).contains("s3share-system");
    assertThat(elected.leaseName()).isEqualTo("s3-share-operator");
    assertThat(elected.httpPort()).isEqualTo(9090);

    var lease = io.s3share.operator.Main.leaderElection(elected).orElseThrow();
    assertThat(lease.getLeaseNamespace()).contains("s3share-system");
    assertThat(lease.getLeaseName()).isEqualTo("s3-share-operator");
    assertThat(lease.isExitOnStopLeading()).isFalse();
    assertThat(lease.getLeaderCallbacks()).isPresent();
    assertThat(io.s3share.operator.Main.leaderElection(optedOut)).isEmpty();
  }

  private HttpResponse<String> get(HealthServer server, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
