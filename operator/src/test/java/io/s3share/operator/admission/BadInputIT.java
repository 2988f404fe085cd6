package io.s3share.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.testenv.KubeApiServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every manifest in {@code src/test/resources/bad-input/} is refused by the real API server at
 * admission, with a message that says what to fix. Each file's first line names the message: {@code
 * # expect: <part of the server's answer>}.
 */
@ExtendWith(KubeApiServerExtension.class)
class BadInputIT {

  static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");
  static final String NAMESPACE = "bad-input";
  static Map<String, CustomResourceDefinition> crdsByKind;

  @BeforeAll
  static void crdsAndNamespace(KubernetesClient client) {
    crdsByKind = GeneratedCrds.applyAll(client);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void removeNamespace(KubernetesClient client) {
    // A bare API server never finishes deleting a namespace; nothing was stored in it.
    client.namespaces().withName(NAMESPACE).delete();
  }

  static Stream<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void corpusCoversEveryKindWithEnoughCases() throws IOException {
    List<Path> files = corpus().toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(25);
    assertThat(files)
        .anyMatch(f -> f.getFileName().toString().startsWith("bucketshare-"))
        .anyMatch(f -> f.getFileName().toString().startsWith("awsaccount-"))
        .anyMatch(f -> f.getFileName().toString().startsWith("sharedbucket-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRejectedWithItsMessage(Path file, KubernetesClient client) throws IOException {
    String text = Files.readString(file);
    String expected = expectation(file, text);
    GenericKubernetesResource resource =
        Serialization.unmarshal(text, GenericKubernetesResource.class);
    CustomResourceDefinition crd = crdsByKind.get(resource.getKind());
    assertThat(crd).as("CRD for kind %s", resource.getKind()).isNotNull();
    if ("Namespaced".equals(crd.getSpec().getScope())) {
      resource.getMetadata().setNamespace(NAMESPACE);
    }

    // A dry run passes every admission check yet stores nothing, even when a check is missing.
    assertThatThrownBy(() -> client.resource(resource).dryRun().create())
        .as(file.getFileName().toString())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(expected);
            });
  }

  /** The one validated set of partitions is the same for every kind that names a role. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov"})
  void roleArnsInEveryValidatedPartitionAreAdmitted(String partition, KubernetesClient client) {
    String consumer = "arn:" + partition + ":iam::222222222222:role/reader";
    String operatorRole = "arn:" + partition + ":iam::111111111111:role/s3share";
    List<String> manifests =
        List.of(
            """
            apiVersion: s3share.io/v1alpha1
            kind: BucketShare
            metadata: { name: partition-share, namespace: %s }
            spec:
              bucket: { name: team-data, accountRef: owner }
              consumers: [ { roleArn: "%s" } ]
              access: Read
            """
                .formatted(NAMESPACE, consumer),
            """
            apiVersion: s3share.io/v1alpha1
            kind: CrossAccountRole
            metadata: { name: partition-role, namespace: %s }
            spec:
              accountRef: owner
              trustedPrincipals: [ { roleArn: "%s" } ]
              externalId: { generate: true }
              grants: [ { bucket: team-data, access: Read } ]
            """
                .formatted(NAMESPACE, consumer),
            """
            apiVersion: s3share.io/v1alpha1
            kind: AwsAccount
            metadata: { name: partition-account }
            spec:
              accountId: "111111111111"
              region: eu-west-1
              assumeRole: { roleArn: "%s" }
            """
                .formatted(operatorRole));
    for (String manifest : manifests) {
      GenericKubernetesResource resource =
          Serialization.unmarshal(manifest, GenericKubernetesResource.class);
      assertThat(client.resource(resource).dryRun().create())
          .as("%s naming %s", resource.getKind(), consumer)
          .isNotNull();
    }
  }

  private static String expectation(Path file, String text) {
    String first = text.lines().findFirst().orElse("");
    assertThat(first).as("%s must start with '# expect: ...'", file).startsWith("# expect: ");
    return first.substring("# expect: ".length()).trim();
  }
}
