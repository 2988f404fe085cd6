package io.s3share.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.testenv.KubeApiServerExtension;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated CRDs follow the conventions kubectl and controllers expect, checked on a real API
 * server: one category lists every kind, Age is the last printer column, and conditions are a map
 * list keyed by type.
 */
@ExtendWith(KubeApiServerExtension.class)
class CrdConventionsIT {

  static final String NAMESPACE = "crd-conventions";
  static final List<String> USER_KINDS =
      List.of("AwsAccount", "BucketShare", "CrossAccountRole", "SharingPolicy", "SharedBucket");
  static Map<String, CustomResourceDefinition> crdsByKind;

  @BeforeAll
  static void crds(KubernetesClient client) {
    crdsByKind = GeneratedCrds.applyAll(client);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void removeWhatWasCreated(KubernetesClient client) {
    // A bare API server never finishes deleting a namespace; only its contents matter.
    client.namespaces().withName(NAMESPACE).delete();
  }

  @Test
  void discoveryListsEveryUserKindInTheS3shareCategory(KubernetesClient client) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(client.getApiResources("s3share.io/v1alpha1").getResources())
                    .filteredOn(r -> r.getCategories() != null)
                    .filteredOn(r -> r.getCategories().contains("s3share"))
                    .extracting(APIResource::getKind)
                    .containsAll(USER_KINDS));
  }

  @Test
  void kubectlGetS3shareListsTheKindsResources(KubernetesClient client) throws Exception {
    GenericKubernetesResource share = withoutStatus(shareWithTwoReadyConditions());
    share.getMetadata().setName("listed");
    client.resource(share).serverSideApply();
    Path kubeconfig = Files.createTempFile("crd-conventions-", ".kubeconfig");
    try {
      Files.writeString(kubeconfig, RealKubeApiServer.shared().kubeConfigYaml());
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(kubectl(kubeconfig, "get", "s3share", "-n", NAMESPACE, "-o", "name"))
                      .contains("bucketshare.s3share.io/listed"));
    } finally {
      Files.deleteIfExists(kubeconfig);
      client.resource(share).delete();
    }
  }

  @Test
  void ageIsTheLastPrinterColumnOfEveryKind() {
    for (String kind : USER_KINDS) {
      CustomResourceDefinitionVersion version = crdsByKind.get(kind).getSpec().getVersions().get(0);
      var columns = version.getAdditionalPrinterColumns();
      assertThat(columns).as(kind).isNotEmpty();
      assertThat(columns.get(columns.size() - 1).getName()).as(kind).isEqualTo("Age");
    }
  }

  @Test
  void conditionsAreAMapListKeyedByType(KubernetesClient client) {
    for (String kind : USER_KINDS) {
      var conditions =
          crdsByKind
              .get(kind)
              .getSpec()
              .getVersions()
              .get(0)
              .getSchema()
              .getOpenAPIV3Schema()
              .getProperties()
              .get("status")
              .getProperties()
              .get("conditions");
      assertThat(conditions.getXKubernetesListType()).as(kind).isEqualTo("map");
      assertThat(conditions.getXKubernetesListMapKeys()).as(kind).containsExactly("type");
      assertThat(conditions.getItems().getSchema().getRequired()).as(kind).contains("type");
    }
    // The API server enforces it: two conditions of one type are refused.
    GenericKubernetesResource share = shareWithTwoReadyConditions();
    var shares =
        client.genericKubernetesResources(
            new ResourceDefinitionContext.Builder()
                .withGroup("s3share.io")
                .withVersion("v1alpha1")
                .withKind("BucketShare")
                .withPlural("bucketshares")
                .withNamespaced(true)
                .build());
    shares.inNamespace(NAMESPACE).resource(withoutStatus(share)).serverSideApply();
    try {
      assertThatThrownBy(
              () -> shares.inNamespace(NAMESPACE).resource(share).subresource("status").update())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("Duplicate value");
    } finally {
      shares.inNamespace(NAMESPACE).withName("two-ready").delete();
    }
  }

  private static GenericKubernetesResource shareWithTwoReadyConditions() {
    Map<String, Object> ready =
        Map.of(
            "type",
            "Ready",
            "status",
            "True",
            "reason",
            "Converged",
            "message",
            "ok",
            "lastTransitionTime",
            "2026-01-01T00:00:00Z");
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("s3share.io/v1alpha1")
        .withKind("BucketShare")
        .withNewMetadata()
        .withName("two-ready")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "bucket",
                    Map.of("name", "some-bucket", "accountRef", "owner"),
                    "consumers",
                    List.of(Map.of("accountId", "222222222222")),
                    "access",
                    "Read"),
                "status",
                Map.of("conditions", List.of(ready, ready))))
        .build();
  }

  private static GenericKubernetesResource withoutStatus(GenericKubernetesResource resource) {
    GenericKubernetesResource copy =
        new GenericKubernetesResourceBuilder(resource).withAdditionalProperties(Map.of()).build();
    copy.setAdditionalProperty("spec", resource.getAdditionalProperties().get("spec"));
    return copy;
  }

  private static String kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                TestEnvironment.kubeBinariesDir().resolve("kubectl").toString(),
                "--kubeconfig",
                kubeconfig.toString()));
    command.addAll(List.of(args));
    Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.exitValue()).as(output).isZero();
    return output;
  }
}
