package io.s3share.operator.sharingpolicy;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The reconciler's guardrail against a real API server and moto: a tenant namespace whose
 * SharingPolicy allows Read on team-a-* buckets to one organization. Allowed shares are granted;
 * denied ones never reach AWS; narrowing or deleting the policy, or relabelling the namespace,
 * removes grants that were already in the bucket policy.
 */
@ExtendWith(MotoExtension.class)
class SharingPolicyEnforcementIT {

  static final String INSTALLATION = "guardrails";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String ORG = "o-abcdefghij";
  static final String ALLOWED_ACCOUNT = "999000000002";
  static final String POLICY = "guardrails-it-team-a";
  static final Map<String, String> TENANT = Map.of("guardrails-it/tenant", "team-a");

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "guardrails-owner", "999000000001");
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @BeforeEach
  void tenantNamespaceAndPolicy() {
    labelNamespace(TENANT);
    apply(policy(Access.Read));
  }

  @Test
  void allowedShareIsGrantedAndNarrowingRelabellingOrDeletingThePolicyRemovesIt() {
    String bucket = "team-a-reports";
    owner.createBucket(bucket);
    operator
        .client
        .resource(share("reports", bucket, Access.Read, Consumer.organization(ORG)))
        .serverSideApply();
    awaitCondition("reports", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharingPolicy p =
                  operator.client.resources(SharingPolicy.class).withName(POLICY).get();
              // The SharingPolicy's own reconciler may not have written any status yet.
              assertThat(p.getStatus()).isNotNull();
              assertThat(p.getStatus().getAdmitted()).isEqualTo(1);
              assertThat(p.getStatus().getObservedGeneration())
                  .isEqualTo(p.getMetadata().getGeneration());
              assertThat(ready(p)).isEqualTo("True");
            });

    // Narrowed to List: the Read grant leaves the bucket policy.
    apply(policy(Access.List));
    awaitCondition("reports", "False/DeniedBySharingPolicy");
    await().atMost(WAIT).until(() -> ours(bucket).isEmpty());
    assertThat(message("reports"))
        .contains("access Read exceeds maxAccess List")
        .contains(POLICY)
        .contains("grants are not in the policy of bucket " + bucket);

    // Widened again: the share proceeds.
    apply(policy(Access.Read));
    awaitCondition("reports", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();

    // The namespace loses the label the policy selects: no policy applies, grants go.
    labelNamespace(Map.of());
    awaitCondition("reports", "False/DeniedBySharingPolicy");
    await().atMost(WAIT).until(() -> ours(bucket).isEmpty());
    assertThat(message("reports")).contains("No SharingPolicy selects namespace");

    labelNamespace(TENANT);
    awaitCondition("reports", "True/Granted");

    // The policy is deleted: deny by default.
    operator.client.resources(SharingPolicy.class).withName(POLICY).delete();
    awaitCondition("reports", "False/DeniedBySharingPolicy");
    await().atMost(WAIT).until(() -> ours(bucket).isEmpty());
    // Nor does admission still allow it, even when no policy is left in the cluster.
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(indexedNamespaces()).doesNotContain(operator.namespace()));

    // A denied share deletes cleanly: there is nothing of it left to remove.
    operator.client.resource(get("reports")).delete();
    await().atMost(WAIT).until(() -> get("reports") == null);
  }

  @Test
  void aDeniedAccessPointShareGetsNoAccessPointAndLosesItsGrantsWhenNarrowed() {
    String bucket = "team-a-points";
    owner.createBucket(bucket);
    BucketShare share = share("points", bucket, Access.Read, Consumer.organization(ORG));
    share.getSpec().setVia(ShareVia.AccessPoint);
    operator.calls.reset();
    operator.client.resource(share).serverSideApply();

    // The policy allows BucketPolicy and CrossAccountRole only.
    awaitCondition("points", "False/DeniedBySharingPolicy");
    assertThat(message("points")).contains("method AccessPoint");
    assertThat(operator.calls.count("CreateAccessPoint")).isZero();
    assertThat(operator.calls.count("PutAccessPointPolicy")).isZero();

    apply(policy(Access.Read, SharingMethod.AccessPoint));
    awaitCondition("points", "True/Granted");
    String name = get("points").getStatus().getAccessPoint().getName();
    assertThat(accessPointPolicy(name)).contains(ORG);
    assertThat(ours(bucket).toString()).contains("s3:DataAccessPointArn");

    // Narrowed: the grants leave the access point policy and the delegation goes.
    apply(policy(Access.List, SharingMethod.AccessPoint));
    awaitCondition("points", "False/DeniedBySharingPolicy");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(accessPointPolicy(name)).doesNotContain(ORG);
              assertThat(ours(bucket)).isEmpty();
            });

    operator.client.resource(get("points")).delete();
    await().atMost(WAIT).until(() -> get("points") == null);
    apply(policy(Access.Read));
  }

  private static String accessPointPolicy(String name) {
    try {
      return owner
          .admin
          .s3Control()
          .getAccessPointPolicy(b -> b.accountId(owner.accountId).name(name))
          .policy();
    } catch (software.amazon.awssdk.services.s3control.model.S3ControlException e) {
      return "";
    }
  }

  @Test
  void deniedSharesAreStalledAndNeverReachAws() {
    owner.createBucket("team-b-data");
    owner.createBucket("team-a-denied");
    // Other tests' shares would write to their own buckets and blur the call counts.
    operator.client.resources(BucketShare.class).inNamespace(operator.namespace()).delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                operator
                    .client
                    .resources(BucketShare.class)
                    .inNamespace(operator.namespace())
                    .list()
                    .getItems()
                    .isEmpty());
    operator.calls.reset();

    operator
        .client
        .resource(share("other-team", "team-b-data", Access.Read, Consumer.organization(ORG)))
        .serverSideApply();
    operator
        .client
        .resource(share("too-much", "team-a-denied", Access.ReadWrite, Consumer.organization(ORG)))
        .serverSideApply();
    operator
        .client
        .resource(share("stranger", "team-a-denied", Access.Read, Consumer.account("999000000009")))
        .serverSideApply();

    awaitCondition("other-team", "False/DeniedBySharingPolicy");
    awaitCondition("too-much", "False/DeniedBySharingPolicy");
    awaitCondition("stranger", "False/DeniedBySharingPolicy");
    assertThat(message("other-team")).contains("bucket team-b-data matches none of [team-a-*]");
    assertThat(message("too-much")).contains("access ReadWrite exceeds maxAccess Read");
    assertThat(message("stranger")).contains("account 999000000009 is not an allowed consumer");
    assertThat(operator.calls.count("PutBucketPolicy")).isZero();
    assertThat(operator.calls.count("DeleteBucketPolicy")).isZero();
    assertThat(BucketPolicies.document(owner.admin, "team-b-data")).isEmpty();
    assertThat(BucketPolicies.document(owner.admin, "team-a-denied")).isEmpty();

    // A role ARN in an allowed account is allowed: the account id decides.
    operator
        .client
        .resource(
            share(
                "by-role",
                "team-a-denied",
                Access.List,
                Consumer.role("arn:aws:iam::" + ALLOWED_ACCOUNT + ":role/reader")))
        .serverSideApply();
    awaitCondition("by-role", "True/Granted");
  }

  @Test
  void crossAccountRoleIsSuspendedWhileDeniedAndRestoredWhenAllowed() {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName("reader").build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(ALLOWED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("team-a-roles", Access.Read, List.of("reports/"))));
    resource.setSpec(spec);
    operator.client.resource(resource).serverSideApply();
    awaitRole("True/RoleReady");
    String roleName = role().getStatus().getRoleName();
    assertThat(iamRoleExists(roleName)).isTrue();

    // Narrowed below Read: the role is suspended (kept, with no permissions), whatever its
    // deletionPolicy.
    apply(policy(Access.List));
    awaitRole("False/DeniedBySharingPolicy");
    await()
        .atMost(WAIT)
        .until(
            () ->
                owner
                    .admin
                    .iam()
                    .listRolePolicies(b -> b.roleName(roleName))
                    .policyNames()
                    .isEmpty());
    assertThat(iamRoleExists(roleName)).isTrue();
    assertThat(
            Conditions.find(role().getStatus().getConditions(), Conditions.READY)
                .map(Condition::getMessage)
                .orElse(""))
        .contains("access Read exceeds maxAccess List")
        .contains("is suspended");

    // Widened again: the same role is restored.
    apply(policy(Access.Read));
    awaitRole("True/RoleReady");
    assertThat(owner.admin.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames())
        .containsExactly("s3share-grants");

    operator.client.resource(role()).delete();
    await().atMost(WAIT).until(() -> role() == null);
    assertThat(iamRoleExists(roleName)).isFalse();
  }

  static CrossAccountRole role() {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName("reader")
        .get();
  }

  static boolean iamRoleExists(String name) {
    try {
      owner.admin.iam().getRole(b -> b.roleName(name));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  static void awaitRole(String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CrossAccountRole role = role();
              assertThat(role.getStatus()).isNotNull();
              assertThat(
                      Conditions.find(role.getStatus().getConditions(), Conditions.READY)
                          .map(c -> c.getStatus() + "/" + c.getReason())
                          .orElse("none"))
                  .isEqualTo(expected);
            });
  }

  static SharingPolicy policy(Access max, SharingMethod... more) {
    List<SharingMethod> methods =
        new java.util.ArrayList<>(
            List.of(SharingMethod.BucketPolicy, SharingMethod.CrossAccountRole));
    methods.addAll(List.of(more));
    return SharingPolicies.policy(
        POLICY,
        TENANT,
        owner.name,
        List.of("team-a-*"),
        List.of(ALLOWED_ACCOUNT),
        List.of(ORG),
        max,
        methods);
  }

  /** The namespaces the admission index lists; none while it does not exist yet. */
  static java.util.Set<String> indexedNamespaces() {
    SharingPolicyIndex index =
        operator.client.resources(SharingPolicyIndex.class).withName(SharingPolicyIndex.NAME).get();
    if (index == null || index.getSpec() == null || index.getSpec().getNamespaces() == null) {
      return java.util.Set.of();
    }
    return index.getSpec().getNamespaces().keySet();
  }

  static void apply(SharingPolicy policy) {
    operator.client.resource(policy).serverSideApply();
  }

  static void labelNamespace(Map<String, String> labels) {
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
              next.keySet().removeIf(TENANT::containsKey);
              next.putAll(labels);
              ns.getMetadata().setLabels(next);
              return ns;
            });
  }

  static BucketShare share(String name, String bucket, Access access, Consumer consumer) {
    return Shares.share(
        operator.namespace(), name, owner.name, bucket, access, List.of(consumer), List.of());
  }

  static List<?> ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix());
  }

  static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  static String message(String name) {
    return Shares.condition(get(name), Conditions.READY).map(Condition::getMessage).orElse("");
  }

  static String ready(SharingPolicy policy) {
    return policy.getStatus() == null
        ? "none"
        : Conditions.find(policy.getStatus().getConditions(), Conditions.READY)
            .map(Condition::getStatus)
            .orElse("none");
  }

  static void awaitCondition(String name, String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(Shares.ready(share)).isEqualTo(expected);
              assertThat(share.getStatus().getObservedGeneration())
                  .isEqualTo(share.getMetadata().getGeneration());
            });
  }
}
