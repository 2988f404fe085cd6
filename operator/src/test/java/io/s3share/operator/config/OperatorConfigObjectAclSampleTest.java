package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigObjectAclSampleTest {

  @Test
  void samplesTwentyObjectAclsUnlessTold() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()).objectAclSampleLimit()).isEqualTo(20);
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT", " 5 "))
                .objectAclSampleLimit())
        .isEqualTo(5);
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT", "0"))
                .objectAclSampleLimit())
        .isZero();
  }

  @Test
  void aBadLimitSaysWhatToSet() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT", "many")))
        .hasMessageContaining("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT must be a whole number");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT", "5000")))
        .hasMessageContaining("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT must be 0-1000");
  }
}
