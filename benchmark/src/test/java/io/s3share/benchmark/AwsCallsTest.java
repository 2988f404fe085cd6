package io.s3share.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.testenv.AwsOperation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AwsCallsTest {

  private static AwsOperation op(String method, String uri, String body) {
    return AwsOperation.of(method, URI.create(uri), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bucketPolicyCallsAreCountedByBucketAndTheRestByKind() {
    AwsCalls calls =
        new AwsCalls(
            List.of(
                op("GET", "/ours-00?policy", ""),
                op("PUT", "/ours-00?policy", "{}"),
                op("PUT", "/ours-01?policy", "{}"),
                op("PUT", "/ours-01?policy", "{}"),
                op("GET", "/ours-01?ownershipControls", ""),
                op("GET", "/v20180820/configuration/publicAccessBlock", ""),
                op("POST", "/", "Action=GetRole&RoleName=r&Version=2010-05-08")));

    assertThat(calls.putBucketPolicy()).isEqualTo(3);
    assertThat(calls.getBucketPolicy()).isEqualTo(1);
    assertThat(calls.putsByBucket()).containsEntry("ours-00", 1).containsEntry("ours-01", 2);
    assertThat(calls.mutating()).isEqualTo(3);
    assertThat(calls.roleCalls()).isEqualTo(1);
    assertThat(calls.total()).isEqualTo(7);
    assertThat(calls.byKind())
        .containsEntry("PutBucketPolicy", 3)
        .containsEntry("GetBucketPolicy", 1)
        .containsEntry("S3 GET bucket?ownershipControls", 1)
        .containsEntry("S3Control GET publicAccessBlock", 1)
        .containsEntry("GetRole", 1);
  }

  @Test
  void settingsSayWhatToFix() {
    Properties p = new Properties();
    p.setProperty("benchmark.shares", "5");
    p.setProperty("benchmark.buckets", "10");
    assertThatThrownBy(() -> ScaleSettings.from(p))
        .hasMessageContaining("benchmark.shares must be at least benchmark.buckets");
    p.setProperty("benchmark.shares", "lots");
    assertThatThrownBy(() -> ScaleSettings.from(p))
        .hasMessageContaining("benchmark.shares must be a whole number");
    p.setProperty("benchmark.shares", "50");
    p.setProperty("benchmark.scenarios", "S9");
    assertThatThrownBy(() -> ScaleSettings.from(p)).hasMessageContaining("must list S1");
  }

  @Test
  void theChartsMemoryLimitIsReadInMebibytes() {
    assertThat(ChartJvmFlags.megabytes("512Mi")).isEqualTo(512);
    assertThat(ChartJvmFlags.megabytes("1Gi")).isEqualTo(1024);
    assertThatThrownBy(() -> ChartJvmFlags.megabytes("512M")).hasMessageContaining("Mi or Gi");
  }
}
