package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigPolicyBatchingTest {

  @Test
  void gathersForAQuarterSecondOrAHundredSharesUnlessTold() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()).policyBatching())
        .isEqualTo(new PolicyBatching(Duration.ofMillis(250), 100));
    assertThat(
            OperatorConfig.fromEnvironment(
                    Map.of(
                        "S3SHARE_POLICY_BATCH_TIME", " PT1S ", "S3SHARE_POLICY_BATCH_SIZE", "20"))
                .policyBatching())
        .isEqualTo(new PolicyBatching(Duration.ofSeconds(1), 20));
  }

  @Test
  void badSettingsSayWhatToSet() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_POLICY_BATCH_TIME", "250ms")))
        .hasMessageContaining("S3SHARE_POLICY_BATCH_TIME must be an ISO-8601 duration");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_POLICY_BATCH_TIME", "PT1M")))
        .hasMessageContaining("S3SHARE_POLICY_BATCH_TIME must be between PT0S and PT10S");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_POLICY_BATCH_SIZE", "0")))
        .hasMessageContaining("S3SHARE_POLICY_BATCH_SIZE must be at least 1");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_POLICY_BATCH_SIZE", "lots")))
        .hasMessageContaining("S3SHARE_POLICY_BATCH_SIZE must be a whole number");
  }
}
