package io.s3share.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.s3share.operator.config.ClusterInstallationId;
import io.s3share.operator.config.InstallationIdUnavailableException;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two clusters that share a bucket and leave the installation id unset must not own each other's
 * statements: each derives its id from its own kube-system namespace.
 */
class InstallationIdIT {

  @Test
  void twoClustersWithoutAnExplicitIdGetDifferentIds() {
    RealKubeApiServer other = RealKubeApiServer.startAnother();
    try (KubernetesClient first = RealKubeApiServer.shared().newClient();
        KubernetesClient second = other.newClient()) {
      String firstId = ClusterInstallationId.resolve(Map.of(), first);
      String secondId = ClusterInstallationId.resolve(Map.of(), second);

      assertThat(firstId).isNotEqualTo(secondId).isNotEqualTo("default");
      // The id is a valid installation id, and stable: the same cluster gives the same id.
      assertThat(new OperatorConfig(firstId, Duration.ofMinutes(10), Set.of(), "default"))
          .isNotNull();
      assertThat(ClusterInstallationId.resolve(Map.of(), first)).isEqualTo(firstId);
      assertThat(firstId)
          .isEqualTo(
              ClusterInstallationId.fromUid(
                  first.namespaces().withName("kube-system").get().getMetadata().getUid()));
    } finally {
      other.stop();
    }
  }

  @Test
  void withoutRightsOnKubeSystemStartUpStopsSayingWhatToDo() {
    Config config = Config.fromKubeconfig(RealKubeApiServer.shared().kubeConfigYaml());
    config.setImpersonateUsername("someone-without-rights");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThatThrownBy(() -> ClusterInstallationId.resolve(Map.of(), client))
          .isInstanceOf(InstallationIdUnavailableException.class)
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("get on the namespace kube-system")
          .hasMessageContaining("S3SHARE_INSTALLATION_ID");
      // An explicit id needs no read at all.
      assertThat(ClusterInstallationId.resolve(Map.of("S3SHARE_INSTALLATION_ID", "prod1"), client))
          .isEqualTo("prod1");
    }
  }

  @Test
  void theEnvironmentOverridesTheDerivedId() {
    try (KubernetesClient client = RealKubeApiServer.shared().newClient()) {
      assertThat(
              ClusterInstallationId.resolve(Map.of("S3SHARE_INSTALLATION_ID", "default"), client))
          .isEqualTo("default");
    }
  }
}
