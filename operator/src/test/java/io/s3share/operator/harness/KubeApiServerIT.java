package io.s3share.operator.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.AwsAccountStatus;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.testenv.KubeApiServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the Kubernetes side of the harness is a real API server: it serves a CRD generated from a
 * Java type, keeps status behind the status subresource, merges server-side apply, enforces the
 * schema and optimistic concurrency.
 */
@ExtendWith(KubeApiServerExtension.class)
class KubeApiServerIT {

  static final String CRD = "awsaccounts.s3share.io";
  static CustomResourceDefinition served;

  @BeforeAll
  static void installGeneratedCrd(KubernetesClient client) {
    served = GeneratedCrds.apply(client, CRD);
  }

  @AfterAll
  static void removeAccounts(KubernetesClient client) {
    ClusterScoped.remove(client, AwsAccount.class, "status-ssa", "status-ignored", "conflict");
  }

  @Test
  void servesTheGeneratedCrdWithStatusSubresourceAndPrinterColumns() {
    var version = served.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("Account", "Region", "Ready", "Age");
    assertThat(served.getSpec().getScope()).isEqualTo("Cluster");
  }

  @Test
  void statusIsPatchedThroughTheStatusSubresourceWithServerSideApply(KubernetesClient client) {
    AwsAccount created = client.resource(account("status-ssa", "111111111111")).create();

    AwsAccount statusPatch = new AwsAccount();
    statusPatch.setMetadata(new ObjectMetaBuilder().withName("status-ssa").build());
    AwsAccountStatus status = new AwsAccountStatus();
    status.setObservedGeneration(created.getMetadata().getGeneration());
    status.setConditions(List.of(condition("Ready", "True", "Reachable")));
    statusPatch.setStatus(status);
    client
        .resource(statusPatch)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("s3share-tests")
                .withForce(true)
                .build());

    AwsAccount stored = client.resources(AwsAccount.class).withName("status-ssa").get();
    assertThat(stored.getStatus().getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("Reachable"));
    assertThat(stored.getSpec().getAccountId()).isEqualTo("111111111111");
    // A status write does not bump the generation: it went through the subresource.
    assertThat(stored.getMetadata().getGeneration())
        .isEqualTo(created.getMetadata().getGeneration());
    assertThat(stored.getMetadata().getManagedFields())
        .anySatisfy(
            f -> {
              assertThat(f.getManager()).isEqualTo("s3share-tests");
              assertThat(f.getSubresource()).isEqualTo("status");
            });
  }

  @Test
  void statusSentWithTheMainResourceIsIgnored(KubernetesClient client) {
    AwsAccount withStatus = account("status-ignored", "222222222222");
    AwsAccountStatus status = new AwsAccountStatus();
    status.setCallerArn("arn:aws:iam::222222222222:root");
    withStatus.setStatus(status);

    AwsAccount created = client.resource(withStatus).create();

    assertThat(created.getStatus()).isNull();
  }

  @Test
  void invalidObjectIsRejectedWithTheSchemaMessage(KubernetesClient client) {
    assertThatThrownBy(() -> client.resource(account("bad-id", "12345")).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("spec.accountId")
                  .contains("accountId must be exactly 12 digits");
            });
    assertThat(client.resources(AwsAccount.class).withName("bad-id").get()).isNull();
  }

  @Test
  void staleResourceVersionIsAConflict(KubernetesClient client) {
    AwsAccount created = client.resource(account("conflict", "333333333333")).create();
    AwsAccount first = client.resources(AwsAccount.class).withName("conflict").get();
    first.getSpec().setRegion("eu-central-1");
    client.resource(first).update();

    created.getSpec().setRegion("us-east-1");
    assertThatThrownBy(() -> client.resource(created).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  static AwsAccount account(String name, String accountId) {
    AwsAccount account = new AwsAccount();
    account.setMetadata(new ObjectMetaBuilder().withName(name).build());
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId(accountId);
    spec.setRegion("eu-west-1");
    // Operators of later test classes in this JVM reconcile every AwsAccount in the cluster:
    // point this one at a closed loopback port so that nothing ever tries to reach real AWS.
    EndpointsSpec nowhere = new EndpointsSpec();
    nowhere.setUrl("http://127.0.0.1:9");
    spec.setEndpoints(nowhere);
    account.setSpec(spec);
    return account;
  }

  static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage("set by a test")
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }
}
