package io.s3share.operator.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.SharingPolicyIndexEntry;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndexSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionIndexTest {

  @Test
  void groupsPoliciesByTheNamespacesTheySelectInTheFormCelChecks() {
    SharingPolicyIndexSpec index =
        AdmissionIndex.build(
            List.of(GuardrailTest.teamA()),
            Map.of("team-a", GuardrailTest.TEAM_A, "team-b", Map.of("tenant", "team-b")));

    assertThat(index.getNamespaces()).containsOnlyKeys("team-a");
    SharingPolicyIndexEntry entry = index.getNamespaces().get("team-a").get(0);
    assertThat(entry.getPolicy()).isEqualTo("team-a");
    assertThat(entry.getAccesses()).containsExactly("List", "Read");
    assertThat(entry.getBucketRegexes()).containsExactly("^team-a-" + BucketPattern.SEGMENTS + "$");
    assertThat(entry.getPrefixes()).isEmpty();
    assertThat(entry.getMethods()).containsExactly("BucketPolicy");
    assertThat(entry.isRequireExternalId()).isTrue();
    assertThat(entry.getMaxDuration()).isNull();
  }

  @Test
  void publishesMaxDurationSoThatAdmissionCanRequireAnExpiry() {
    Rule limited =
        GuardrailTimeLimitsTest.rule("limited", Optional.of(Duration.ofDays(30)), Optional.empty());
    SharingPolicyIndexEntry entry =
        AdmissionIndex.build(List.of(limited), Map.of("team-a", GuardrailTest.TEAM_A))
            .getNamespaces()
            .get("team-a")
            .get(0);
    assertThat(entry.getMaxDuration()).isEqualTo("30d");
  }
}
