package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterInstallationIdTest {

  static final String UID_A = "6b1f0b5e-2d7a-4c39-9e57-0d3f6a1c2b4e";
  static final String UID_B = "0f2c9a41-8b3e-4d6f-a1c7-5e9b2d4f6a80";

  @Test
  void theIdIsAShortStableHashOfTheUid() {
    String id = ClusterInstallationId.fromUid(UID_A);

    assertThat(id).matches("[0-9a-f]{12}").isEqualTo(ClusterInstallationId.fromUid(UID_A));
    // The first 12 hex digits of SHA-256 of the UID, computed independently: a fixed value, so
    // that an upgrade never changes a cluster's id (which would orphan every statement it wrote).
    assertThat(id).isEqualTo("2f2755ee3674");
    assertThat(new OperatorConfig(id, Duration.ofMinutes(10), Set.of(), "default").installationId())
        .isEqualTo(id);
  }

  @Test
  void differentClustersGetDifferentIds() {
    assertThat(ClusterInstallationId.fromUid(UID_A))
        .isNotEqualTo(ClusterInstallationId.fromUid(UID_B));
  }

  @Test
  void aMissingUidIsRefused() {
    assertThatThrownBy(() -> ClusterInstallationId.fromUid(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kube-system");
  }
}
