package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * A CrossAccountRole whose SharingPolicy goes away (deleted by mistake, say) is suspended, not
 * deleted: its permissions go at once and nobody outside can assume it, but the role keeps its ARN
 * and unique id, so that allowing it again restores exactly what consumers trusted.
 */
@ExtendWith(MotoExtension.class)
class CrossAccountRoleSuspensionIT {

  static final String INSTALLATION = "suspend";
  static final String OWNER_ACCOUNT = "444444444441";
  static final String TRUSTED_ACCOUNT = "444444444442";
  static final String POLICY = "suspend-it-team";
  static final Map<String, String> TENANT = Map.of("suspend-it/tenant", "team");
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "suspend-owner", OWNER_ACCOUNT);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void deniedRoleIsSuspendedKeepingItsIdAndRestoredWhenAllowedAgain() throws Exception {
    labelNamespace();
    operator.client.resource(policy()).serverSideApply();
    operator.client.resource(resource()).serverSideApply();
    awaitReady("True/RoleReady");
    String roleName = get().getStatus().getRoleName();
    Role before = role(roleName);
    String trustBefore = before.assumeRolePolicyDocument();
    String grantsBefore = inlinePolicy(roleName);

    // The SharingPolicy is deleted by mistake: deny by default, at once.
    operator.client.resources(SharingPolicy.class).withName(POLICY).delete();
    awaitReady("False/DeniedBySharingPolicy");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Role suspended = role(roleName);
              assertThat(suspended.roleId()).isEqualTo(before.roleId());
              assertThat(suspended.arn()).isEqualTo(before.arn());
              assertThat(inlinePolicyNames(roleName)).isEmpty();
              assertThat(attachedPolicies(roleName)).isEmpty();
              assertThat(tags(suspended)).containsEntry("s3share.io/suspended", "true");
              // Nothing but one Deny: no principal, outside or inside the account, may assume it.
              var trust =
                  JSON.readTree(
                      PolicyEquivalence.urlDecodeIfNeeded(suspended.assumeRolePolicyDocument()));
              assertThat(trust.get("Statement")).hasSize(1);
              assertThat(trust.get("Statement").get(0).get("Effect").asText()).isEqualTo("Deny");
            });
    assertThat(readyMessage()).contains("suspended").contains(roleName);
    assertThat(get().getStatus().getRoleArn()).isEqualTo(before.arn());
    assertThat(summary(Conditions.STALLED)).isEqualTo("True/DeniedBySharingPolicy");

    // Suspended is a steady state: resyncs write nothing and the role stays.
    operator.calls.reset();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(operator.calls.mutating()).isZero();
              assertThat(role(roleName).roleId()).isEqualTo(before.roleId());
            });
    // Resyncs still looked at the role: directly, or in the account's bulk read.
    assertThat(
            operator.calls.count("GetRole")
                + operator.calls.count("GetAccountAuthorizationDetails"))
        .isGreaterThanOrEqualTo(2);

    // Allowed again: the same role, its trust and grants as before, no longer tagged suspended.
    operator.client.resource(policy()).serverSideApply();
    awaitReady("True/RoleReady");
    Role restored = role(roleName);
    assertThat(restored.roleId()).isEqualTo(before.roleId());
    assertThat(restored.arn()).isEqualTo(before.arn());
    assertThat(PolicyEquivalence.equivalentJson(restored.assumeRolePolicyDocument(), trustBefore))
        .isTrue();
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
    assertThat(PolicyEquivalence.equivalentJson(inlinePolicy(roleName), grantsBefore)).isTrue();
    assertThat(tags(restored)).doesNotContainKey("s3share.io/suspended");

    // Suspended again, then deleted: deleting the resource is what deletes the role.
    operator.client.resources(SharingPolicy.class).withName(POLICY).delete();
    await().atMost(WAIT).until(() -> tags(role(roleName)).containsKey("s3share.io/suspended"));
    operator.client.resource(get()).delete();
    await().atMost(WAIT).until(() -> get() == null);
    await().atMost(WAIT).until(() -> !exists(roleName));
  }

  // ---- helpers ----

  static CrossAccountRole resource() {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName("reader").build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(TRUSTED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("team-reports", Access.Read, List.of("reports/"))));
    resource.setSpec(spec);
    return resource;
  }

  static SharingPolicy policy() {
    return SharingPolicies.policy(
        POLICY,
        TENANT,
        owner.name,
        List.of("team-*"),
        List.of(TRUSTED_ACCOUNT),
        List.of(),
        Access.Read,
        List.of(SharingMethod.CrossAccountRole));
  }

  static void labelNamespace() {
    operator
        .client
        .namespaces()
        .withName(operator.namespace())
        .edit(
            ns -> {
              Map<String, String> next = new HashMap<>();
              if (ns.getMetadata().getLabels() != null) {
                next.putAll(ns.getMetadata().getLabels());
              }
              next.putAll(TENANT);
              ns.getMetadata().setLabels(next);
              return ns;
            });
  }

  static CrossAccountRole get() {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName("reader")
        .get();
  }

  static String summary(String type) {
    CrossAccountRole resource = get();
    return resource == null || resource.getStatus() == null
        ? "none"
        : Conditions.find(resource.getStatus().getConditions(), type)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  static void awaitReady(String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(summary(Conditions.READY)).isEqualTo(expected));
  }

  /** The Ready message, or "" while there is none. */
  static String readyMessage() {
    CrossAccountRole role = get();
    return role == null || role.getStatus() == null
        ? ""
        : Conditions.find(role.getStatus().getConditions(), Conditions.READY)
            .map(c -> c.getMessage())
            .orElse("");
  }

  static Role role(String name) {
    return owner.admin.iam().getRole(b -> b.roleName(name)).role();
  }

  static boolean exists(String name) {
    try {
      role(name);
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  static List<String> inlinePolicyNames(String roleName) {
    return owner.admin.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames();
  }

  static List<String> attachedPolicies(String roleName) {
    return owner
        .admin
        .iam()
        .listAttachedRolePolicies(b -> b.roleName(roleName))
        .attachedPolicies()
        .stream()
        .map(p -> p.policyArn())
        .toList();
  }

  static String inlinePolicy(String roleName) {
    return owner
        .admin
        .iam()
        .getRolePolicy(b -> b.roleName(roleName).policyName("s3share-grants"))
        .policyDocument();
  }

  static Map<String, String> tags(Role role) {
    return role.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
