package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigSharingPoliciesTest {

  @Test
  void enforcedUnlessExplicitlyDisabled() {
    assertThat(OperatorConfig.defaults().sharingPolicies()).isEqualTo(SharingPolicyMode.Enforce);
    assertThat(OperatorConfig.fromEnvironment(Map.of()).sharingPolicies())
        .isEqualTo(SharingPolicyMode.Enforce);
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("S3SHARE_SHARING_POLICIES", "Disabled"))
                .sharingPolicies())
        .isEqualTo(SharingPolicyMode.Disabled);
  }

  @Test
  void aTypoStopsStartUpInsteadOfDisablingTheGuardrails() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("S3SHARE_SHARING_POLICIES", "disabled")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Enforce (the default) or Disabled");
  }
}
