package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same chart installed with Helm into a real k3s cluster, with the operator image running
 * in-cluster: the pod passes its readiness probe ({@code /readyz}) under the restricted security
 * context, takes the leader-election Lease, and reconciles every example (status written with
 * {@code observedGeneration}; AwsAccounts point at {@code s3share.e2e.awsEndpoint}, an AWS emulator
 * reachable from the cluster, and then reach Ready).
 *
 * <p>Needs a Docker engine and an image built with Jib ({@code -Ds3share.e2e.image=...}, see
 * docs/install.md). Without either, it is skipped with the reason; it never pretends to have run.
 */
class ChartInK3sIT {

  static final String K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";
  static final String NAMESPACE = "s3share-system";

  @BeforeEach
  void requireDockerAndAnImage() {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    String skip =
        !docker
            ? "SKIPPED ChartInK3sIT: no Docker engine on this machine, so no k3s cluster"
            : System.getProperty("s3share.e2e.image") == null
                ? "SKIPPED ChartInK3sIT: no operator image given (-Ds3share.e2e.image=...)"
                : null;
    if (skip != null) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(skip == null, skip);
  }

  @Test
  void chartInstalledIntoK3sRunsTheOperatorAndReconcilesEveryExample() throws IOException {
    String image = System.getProperty("s3share.e2e.image");
    int colon = image.lastIndexOf(':');
    try (K3sContainer k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE))) {
      k3s.start();
      String kubeconfig = k3s.getKubeConfigYaml();
      new Helm(Project.CHART)
          .install()
          .withName("s3share")
          .withNamespace(NAMESPACE)
          .createNamespace()
          .set("image.repository", image.substring(0, colon))
          .set("image.tag", image.substring(colon + 1))
          .set("replicas", "2")
          .withKubeConfigContents(kubeconfig)
          .waitReady()
          .withTimeout(300)
          .call();
      try (KubernetesClient client =
          new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
        assertThat(
                client
                    .apps()
                    .deployments()
                    .inNamespace(NAMESPACE)
                    .withName("s3share")
                    .get()
                    .getStatus()
                    .getReadyReplicas())
            .isEqualTo(2);
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    client.leases().inNamespace(NAMESPACE).withName("s3-share-operator").get()
                        != null);
        client
            .namespaces()
            .resource(
                new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata()
                    .withName("demo")
                    .withLabels(Map.of("s3share.io/tenant", "demo"))
                    .endMetadata()
                    .build())
            .serverSideApply();
        String awsEndpoint = System.getProperty("s3share.e2e.awsEndpoint");
        try (Stream<Path> files = Files.list(Project.EXAMPLES)) {
          List<GenericKubernetesResource> examples = new java.util.ArrayList<>();
          for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
            examples.add(
                Serialization.unmarshal(Files.readString(file), GenericKubernetesResource.class));
          }
          // Cluster-scoped first: shares need their AwsAccount and an allowing SharingPolicy.
          examples.sort(
              java.util.Comparator.comparing(
                  e ->
                      !Set.of("AwsAccount", "SharingPolicy", "SharedBucket")
                          .contains(e.getKind())));
          for (GenericKubernetesResource example : examples) {
            if ("AwsAccount".equals(example.getKind())) {
              if (awsEndpoint != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec =
                    (Map<String, Object>) example.getAdditionalProperties().get("spec");
                spec.put("endpoints", Map.of("url", awsEndpoint));
              }
            } else if (!Set.of("SharingPolicy", "SharedBucket").contains(example.getKind())) {
              example.getMetadata().setNamespace("demo");
            }
            GenericKubernetesResource applied = client.resource(example).serverSideApply();
            await()
                .atMost(Duration.ofMinutes(2))
                .untilAsserted(
                    () -> {
                      GenericKubernetesResource current = client.resource(applied).get();
                      Map<?, ?> status =
                          (Map<?, ?>) current.getAdditionalProperties().get("status");
                      assertThat(status).isNotNull();
                      assertThat(((Number) status.get("observedGeneration")).longValue())
                          .isEqualTo(current.getMetadata().getGeneration());
                      if (awsEndpoint != null) {
                        assertThat(Serialization.asJson(status))
                            .contains("\"type\":\"Ready\",\"status\":\"True\"");
                      }
                    });
          }
        }
      }
    }
  }
}
