package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What the operator does on its own, without waiting for a resync (set to ten minutes here): it
 * notices a deleted ExternalId Secret, rotates the ExternalId only when asked, and lets a
 * CrossAccountRole go when it never created anything or when told to abandon its role.
 */
@ExtendWith(MotoExtension.class)
class CrossAccountRoleExternalIdIT {

  static final String INSTALLATION = "xid";
  static final String OWNER_ACCOUNT = "555555555551";
  static final String TRUSTED_ACCOUNT = "555555555552";
  static final Duration RESYNC = Duration.ofMinutes(10);
  static final Duration WAIT = Duration.ofSeconds(90);

  /** Far below the resync period: only a watch can explain a reaction this quick. */
  static final Duration QUICK = Duration.ofSeconds(45);

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static MotoServer moto;

  @BeforeAll
  static void ownerAccount(MotoServer server) {
    moto = server;
    owner = OwnerAccount.create(operator.client, moto, "xid-owner", OWNER_ACCOUNT);
  }

  @AfterEach
  void clearFaults() {
    operator.faults.clear();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void deletedSecretStallsWithTheTrustPolicyKeptAndRotationHappensOnlyWhenAsked() {
    operator.client.resource(resource("partner")).serverSideApply();
    awaitCondition("partner", Conditions.READY, "True/RoleReady");
    String roleName = get("partner").getStatus().getRoleName();
    String first = externalIdIn("partner-external-id");
    String trust = trustPolicy(roleName);
    assertThat(trust).contains(first);

    // Deleted by mistake: reported at once, and the consumer's ExternalId keeps working.
    secrets().withName("partner-external-id").delete();
    await()
        .atMost(QUICK)
        .untilAsserted(
            () ->
                assertThat(summary(get("partner"), Conditions.STALLED))
                    .isEqualTo("True/ExternalIdSecretMissing"));
    assertThat(readyMessage("partner"))
        .contains("partner-external-id")
        .contains(Annotations.ROTATE_EXTERNAL_ID);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(PolicyEquivalence.equivalentJson(trustPolicy(roleName), trust)).isTrue();
              assertThat(secrets().withName("partner-external-id").get()).isNull();
            });

    // Rotation on request: a new value in the Secret and in the trust policy, and an Event.
    annotate("partner", "2026-11-30");
    awaitCondition("partner", Conditions.READY, "True/RoleReady");
    String second = externalIdIn("partner-external-id");
    assertThat(second).isNotEqualTo(first).hasSize(32);
    assertThat(trustPolicy(roleName)).contains(second).doesNotContain(first);
    assertThat(get("partner").getStatus().getExternalIdRotation()).isEqualTo("2026-11-30");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(eventReasons("partner")).contains("ExternalIdRotated"));

    // The same value again rotates nothing; a new value rotates once more.
    operator
        .client
        .resource(get("partner"))
        .edit(
            r -> {
              r.getSpec().setTags(Map.of("team", "partners"));
              return r;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(get("partner").getStatus().getObservedGeneration())
                    .isEqualTo(get("partner").getMetadata().getGeneration()));
    await()
        .during(Duration.ofSeconds(5))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(externalIdIn("partner-external-id")).isEqualTo(second));
    annotate("partner", "2026-12-01");
    await()
        .atMost(QUICK)
        .untilAsserted(
            () -> {
              String third = externalIdIn("partner-external-id");
              assertThat(third).isNotEqualTo(second);
              assertThat(trustPolicy(roleName)).contains(third);
            });
  }

  @Test
  void roleWhoseAccountNeverExistedIsDeletedAtOnce() {
    CrossAccountRole orphan = resource("orphan");
    orphan.getSpec().setAccountRef("xid-no-such-account");
    operator.client.resource(orphan).serverSideApply();
    awaitCondition("orphan", Conditions.STALLED, "True/AccountNotFound");

    operator.client.resource(get("orphan")).delete();
    await().atMost(QUICK).until(() -> get("orphan") == null);
  }

  @Test
  void cleanupDeniedByAwsStaysWithAMessageUntilTheRoleIsAbandoned() {
    operator.client.resource(resource("denied")).serverSideApply();
    awaitCondition("denied", Conditions.READY, "True/RoleReady");
    String roleName = get("denied").getStatus().getRoleName();
    // A real AWS answer the operator's role would get without iam:DeleteRolePolicy.
    operator.faults.iamError(
        "DeleteRolePolicy",
        403,
        "AccessDenied",
        "User is not authorized to perform: iam:DeleteRolePolicy",
        Duration.ofMinutes(10));

    operator.client.resource(get("denied")).delete();
    await()
        .atMost(QUICK)
        .untilAsserted(
            () -> {
              CrossAccountRole terminating = get("denied");
              assertThat(terminating).isNotNull();
              assertThat(summary(terminating, Conditions.STALLED)).isEqualTo("True/AccessDenied");
              assertThat(readyMessage("denied"))
                  .contains("iam:DeleteRolePolicy")
                  .contains(Annotations.ABANDON_AWS_RESOURCES);
            });

    // The escape hatch: the resource goes, the role stays in IAM for someone to remove by hand.
    operator
        .client
        .resource(get("denied"))
        .edit(
            r -> {
              r.getMetadata().getAnnotations().put(Annotations.ABANDON_AWS_RESOURCES, "true");
              return r;
            });
    await().atMost(QUICK).until(() -> get("denied") == null);
    assertThat(owner.admin.iam().getRole(b -> b.roleName(roleName)).role().roleName())
        .isEqualTo(roleName);
    operator.faults.clear();
    owner.admin.iam().deleteRolePolicy(b -> b.roleName(roleName).policyName("s3share-grants"));
    owner.admin.iam().deleteRole(b -> b.roleName(roleName));
    try {
      owner.admin.iam().getRole(b -> b.roleName(roleName));
      throw new AssertionError("role " + roleName + " should be gone");
    } catch (NoSuchEntityException expected) {
      // removed by hand, as the message says
    }
  }

  @Test
  void roleWhoseAccountIsGoneStaysWithAMessageUntilTheRoleIsAbandoned() {
    AwsAccount doomed = OwnerAccount.resource("xid-doomed", OWNER_ACCOUNT, moto);
    operator.client.resource(doomed).serverSideApply();
    CrossAccountRole stranded = resource("stranded");
    stranded.getSpec().setAccountRef("xid-doomed");
    operator.client.resource(stranded).serverSideApply();
    awaitCondition("stranded", Conditions.READY, "True/RoleReady");
    String roleName = get("stranded").getStatus().getRoleName();

    // The AwsAccount goes first, whatever holds it: its finalizers are removed by force.
    operator.client.resource(doomed).delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              AwsAccount left =
                  operator.client.resources(AwsAccount.class).withName("xid-doomed").get();
              if (left != null) {
                operator
                    .client
                    .resources(AwsAccount.class)
                    .withName("xid-doomed")
                    .edit(
                        a -> {
                          a.getMetadata().setFinalizers(List.of());
                          return a;
                        });
              }
              assertThat(operator.client.resources(AwsAccount.class).withName("xid-doomed").get())
                  .isNull();
            });

    operator.client.resource(get("stranded")).delete();
    await()
        .atMost(QUICK)
        .untilAsserted(
            () -> {
              assertThat(summary(get("stranded"), Conditions.STALLED))
                  .isEqualTo("True/AccountNotFound");
              assertThat(readyMessage("stranded"))
                  .contains("xid-doomed")
                  .contains(Annotations.ABANDON_AWS_RESOURCES);
            });
    await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(get("stranded")).isNotNull());

    operator
        .client
        .resource(get("stranded"))
        .edit(
            r -> {
              r.getMetadata().getAnnotations().put(Annotations.ABANDON_AWS_RESOURCES, "true");
              return r;
            });
    await().atMost(QUICK).until(() -> get("stranded") == null);
    // Abandoned means untouched: the role is still in IAM, with its grants.
    assertThat(owner.admin.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames())
        .containsExactly("s3share-grants");
  }

  // ---- helpers ----

  static CrossAccountRole resource(String name) {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(operator.namespace())
            .withName(name)
            .withAnnotations(Map.of("note", "test"))
            .build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(TRUSTED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("xid-reports", Access.Read, List.of())));
    resource.setSpec(spec);
    return resource;
  }

  static void annotate(String name, String value) {
    operator
        .client
        .resource(get(name))
        .edit(
            r -> {
              r.getMetadata().getAnnotations().put(Annotations.ROTATE_EXTERNAL_ID, value);
              return r;
            });
  }

  static CrossAccountRole get(String name) {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Secret,
          io.fabric8.kubernetes.api.model.SecretList,
          io.fabric8.kubernetes.client.dsl.Resource<Secret>>
      secrets() {
    return operator.client.secrets().inNamespace(operator.namespace());
  }

  static String summary(CrossAccountRole resource, String type) {
    return resource == null || resource.getStatus() == null
        ? "none"
        : Conditions.find(resource.getStatus().getConditions(), type)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  static void awaitCondition(String name, String type, String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(summary(get(name), type)).isEqualTo(expected));
  }

  /** The Ready message, or "" while there is none: waits call this, so it must not throw. */
  static String readyMessage(String name) {
    CrossAccountRole role = get(name);
    return role == null || role.getStatus() == null
        ? ""
        : Conditions.find(role.getStatus().getConditions(), Conditions.READY)
            .map(c -> c.getMessage())
            .orElse("");
  }

  static String externalIdIn(String secretName) {
    Secret secret = secrets().withName(secretName).get();
    assertThat(secret).as("Secret %s", secretName).isNotNull();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("externalId")), StandardCharsets.UTF_8);
  }

  static String trustPolicy(String roleName) {
    return PolicyEquivalence.urlDecodeIfNeeded(
        owner.admin.iam().getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument());
  }

  static List<String> eventReasons(String name) {
    return operator
        .client
        .v1()
        .events()
        .inNamespace(operator.namespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getReason())
        .toList();
  }
}
