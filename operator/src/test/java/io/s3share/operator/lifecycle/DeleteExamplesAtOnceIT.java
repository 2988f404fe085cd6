package io.s3share.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl delete -f examples/}: every example (the AwsAccount, the SharingPolicy, the shares
 * and the role) deleted in one go, in the files' order, so the account and the policy go first.
 * With SharingPolicies enforced, as in production. Everything must be gone within a bound, with the
 * grants revoked.
 */
@ExtendWith(MotoExtension.class)
class DeleteExamplesAtOnceIT {

  static final String INSTALLATION = "examplesgone";
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Duration BOUND = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.createEnforcing(INSTALLATION, Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @Test
  void deletingEveryExampleAtOnceFinishes(MotoServer moto) {
    // The namespace label examples/sharing-policy.yaml selects.
    operator
        .client
        .namespaces()
        .withName(operator.namespace())
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put("s3share.io/tenant", "demo");
              return ns;
            });
    List<GenericKubernetesResource> examples = examples(moto);
    // The examples' own account, with its role in moto (AwsAccount "owner", 111111111111).
    try (OwnerAccount owner = OwnerAccount.create(operator.client, moto, "owner", "111111111111")) {
      owner.createBucket("example-reports");
      examples.forEach(e -> apply(e));
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                for (GenericKubernetesResource e : examples) {
                  if (e.getKind().equals("BucketShare") || e.getKind().equals("CrossAccountRole")) {
                    assertThat(ready(e))
                        .as("Ready of %s", e.getMetadata().getName())
                        .isEqualTo("True");
                  }
                }
              });
      assertThat(ours(owner)).isNotEmpty();

      // One go, in file order: aws-account.yaml first.
      examples.forEach(e -> resource(e).delete());

      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(
                          examples.stream()
                              .filter(e -> resource(e).get() != null)
                              .map(e -> e.getKind() + " " + e.getMetadata().getName()))
                      .as("examples still present")
                      .isEmpty());
      assertThat(ours(owner)).isEmpty();
      assertThat(owner.admin.iam().listRoles().roles())
          .noneSatisfy(r -> assertThat(r.roleName()).contains("cross-account-reports"));
    }
  }

  private List<com.fasterxml.jackson.databind.node.ObjectNode> ours(OwnerAccount owner) {
    return BucketPolicies.withSidPrefix(
        BucketPolicies.statements(owner.admin, "example-reports"),
        new SidNamespace(INSTALLATION).sidPrefix());
  }

  @SuppressWarnings("unchecked")
  private static List<GenericKubernetesResource> examples(MotoServer moto) {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(DeleteExamplesAtOnceIT::read)
          .map(
              e -> {
                if (e.getKind().equals("AwsAccount")) {
                  // As the sandbox does: the examples' account, reached on moto.
                  ((Map<String, Object>) e.getAdditionalProperties().get("spec"))
                      .put("endpoints", Map.of("url", moto.endpoint().toString()));
                }
                return e;
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GenericKubernetesResource read(Path file) {
    try {
      return Serialization.unmarshal(Files.readString(file), GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void apply(GenericKubernetesResource example) {
    resource(example).serverSideApply();
  }

  private static io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(
      GenericKubernetesResource example) {
    boolean namespaced =
        example.getKind().equals("BucketShare") || example.getKind().equals("CrossAccountRole");
    var resources =
        operator.client.genericKubernetesResources(example.getApiVersion(), example.getKind());
    return namespaced
        ? resources.inNamespace(operator.namespace()).resource(example)
        : resources.resource(example);
  }

  @SuppressWarnings("unchecked")
  private static String ready(GenericKubernetesResource example) {
    GenericKubernetesResource current = resource(example).get();
    if (current == null
        || !(current.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return "none";
    }
    Object conditions = ((Map<String, Object>) status).get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return "none";
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .filter(c -> Conditions.READY.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("status")))
        .findFirst()
        .orElse("none");
  }
}
