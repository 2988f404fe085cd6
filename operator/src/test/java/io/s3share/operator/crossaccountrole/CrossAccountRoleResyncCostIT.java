package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * What CrossAccountRoles cost in IAM calls, on the real API server and moto: converging a batch of
 * roles, and then resyncing them while nothing changes. Resyncs must not read every role one by
 * one, yet drift made by hand on one role must still be found and repaired, and a role that is not
 * ours must still be left alone.
 */
@ExtendWith(MotoExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossAccountRoleResyncCostIT {

  static final String INSTALLATION = "xcost";
  static final String OWNER_ACCOUNT = "353535353535";
  static final String TRUSTED_ACCOUNT = "222222222222";
  static final Duration RESYNC = Duration.ofSeconds(5);
  static final Duration WAIT = Duration.ofSeconds(120);

  /** 20 in the build; {@code -Ds3share.costRoles=200} measures the scale goal's count. */
  static final int ROLES = Integer.getInteger("s3share.costRoles", 20);

  /** Every IAM operation the operator may issue for a role; STS and S3 are not the roles' cost. */
  static final Set<String> IAM_OPERATIONS =
      Set.of(
          "GetRole",
          "ListRolePolicies",
          "GetRolePolicy",
          "ListAttachedRolePolicies",
          "GetAccountAuthorizationDetails",
          "ListRoles",
          "CreateRole",
          "UpdateAssumeRolePolicy",
          "PutRolePolicy",
          "DeleteRolePolicy",
          "DetachRolePolicy",
          "UpdateRole",
          "PutRolePermissionsBoundary",
          "DeleteRolePermissionsBoundary",
          "TagRole",
          "UntagRole",
          "DeleteRole");

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "xcost-owner", OWNER_ACCOUNT);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  @Order(1)
  void manyRolesConvergeAndResyncWithFewIamCalls() {
    List<String> names = IntStream.range(0, ROLES).mapToObj(i -> "cost-" + i).toList();
    operator.calls.reset();
    names.forEach(name -> apply(resource(name)));
    names.forEach(CrossAccountRoleResyncCostIT::awaitReady);
    // The status patches of the first reconciles bring each role back once more: count those too,
    // once the IAM calls have stopped for a while (well before the first resync is due).
    AtomicInteger seen = new AtomicInteger(-1);
    await()
        .pollInterval(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> seen.getAndSet(iamCalls()) == iamCalls());
    int toConverge = iamCalls();
    System.out.printf(
        "converge: %d IAM calls for %d roles = %.2f per role: %s%n",
        toConverge, ROLES, (double) toConverge / ROLES, iamCounts());
    assertThat(toConverge)
        .as("IAM calls to converge %d roles", ROLES)
        .isLessThanOrEqualTo(4 * ROLES);

    // Idle: two resync periods in which nothing may be written.
    operator.calls.reset();
    long started = System.nanoTime();
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.calls.mutating()).isZero());
    double periods =
        (double) Duration.ofNanos(System.nanoTime() - started).toMillis() / RESYNC.toMillis();
    int idle = iamCalls();
    double perRolePerPeriod = idle / (ROLES * periods);
    System.out.printf(
        "idle: %d IAM calls for %d roles over %.1f resync periods = %.3f per role per period: %s%n",
        idle, ROLES, periods, perRolePerPeriod, iamCounts());
    assertThat(perRolePerPeriod)
        .as("IAM calls per role per resync period")
        .isLessThanOrEqualTo(0.25);
  }

  @Test
  @Order(2)
  void driftOnOneRoleIsRepairedByTheNextResyncs() {
    apply(resource("drifted"));
    String roleName = awaitReady("drifted").getStatus().getRoleName();
    Role before = role(roleName);
    String grants = inlinePolicy(roleName);
    Map<String, String> tags = tags(before);
    var iam = owner.admin.iam();
    String foreign =
        iam.createPolicy(
                b ->
                    b.policyName("xcost-attached-by-hand")
                        .policyDocument(
                            """
                            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                             "Action":"s3:*","Resource":"*"}]}"""))
            .policy()
            .arn();

    iam.updateAssumeRolePolicy(
        b ->
            b.roleName(roleName)
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Principal":{"AWS":"arn:aws:iam::999999999999:root"},
                     "Action":"sts:AssumeRole"}]}"""));
    iam.putRolePolicy(
        b ->
            b.roleName(roleName)
                .policyName("s3share-grants")
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
                     "Resource":"*"}]}"""));
    iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(foreign));
    iam.untagRole(b -> b.roleName(roleName).tagKeys("team"));

    // Two periods at most: the next account snapshot after the edit, then the role's resync.
    await()
        .atMost(RESYNC.multipliedBy(2).plus(Duration.ofSeconds(5)))
        .untilAsserted(
            () -> {
              Role now = role(roleName);
              assertThat(
                      PolicyEquivalence.equivalentJson(
                          now.assumeRolePolicyDocument(), before.assumeRolePolicyDocument()))
                  .as("trust policy")
                  .isTrue();
              assertThat(PolicyEquivalence.equivalentJson(inlinePolicy(roleName), grants))
                  .as("inline policy")
                  .isTrue();
              assertThat(iam.listAttachedRolePolicies(b -> b.roleName(roleName)).attachedPolicies())
                  .as("attached managed policies")
                  .isEmpty();
              assertThat(tags(now)).isEqualTo(tags);
            });
    awaitReady("drifted");
    // Not ours to delete: only detached.
    assertThat(iam.getPolicy(b -> b.policyArn(foreign)).policy().arn()).isEqualTo(foreign);
  }

  @Test
  @Order(3)
  void anUntaggedRoleIsNeverTouched() throws Exception {
    String trust =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::777777777777:root"},"Action":"sts:AssumeRole"}]}""";
    var iam = owner.admin.iam();
    iam.createRole(b -> b.roleName("xcost-made-by-a-human").assumeRolePolicyDocument(trust));
    iam.putRolePolicy(
        b ->
            b.roleName("xcost-made-by-a-human")
                .policyName("theirs")
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
                     "Resource":"*"}]}"""));
    CrossAccountRole clash = resource("clash");
    clash.getSpec().setRoleName("xcost-made-by-a-human");
    apply(clash);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(summary(get("clash"), Conditions.STALLED))
                    .isEqualTo("True/RoleExistsNotManaged"));
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Role role = role("xcost-made-by-a-human");
              assertThat(PolicyEquivalence.equivalentJson(role.assumeRolePolicyDocument(), trust))
                  .isTrue();
              assertThat(role.tags()).isEmpty();
              assertThat(
                      iam.listRolePolicies(b -> b.roleName("xcost-made-by-a-human")).policyNames())
                  .containsExactly("theirs");
            });
  }

  // ---- helpers ----

  static int iamCalls() {
    return IAM_OPERATIONS.stream().mapToInt(operator.calls::count).sum();
  }

  static Map<String, Integer> iamCounts() {
    return operator.calls.counts().entrySet().stream()
        .filter(e -> IAM_OPERATIONS.contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  static CrossAccountRole resource(String name) {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(TRUSTED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("xcost-" + name, Access.Read, List.of("data/"))));
    spec.setTags(Map.of("team", "analytics"));
    resource.setSpec(spec);
    return resource;
  }

  static void apply(CrossAccountRole resource) {
    operator.client.resource(resource).serverSideApply();
  }

  static CrossAccountRole get(String name) {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  static CrossAccountRole awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CrossAccountRole resource = get(name);
              assertThat(summary(resource, Conditions.READY))
                  .as(
                      "%s: %s",
                      name,
                      resource == null || resource.getStatus() == null
                          ? "no status"
                          : resource.getStatus().getConditions())
                  .isEqualTo("True/RoleReady");
              assertThat(resource.getStatus().getObservedGeneration())
                  .isEqualTo(resource.getMetadata().getGeneration());
            });
    return get(name);
  }

  static String summary(CrossAccountRole resource, String type) {
    return resource == null || resource.getStatus() == null
        ? "none"
        : Conditions.find(resource.getStatus().getConditions(), type)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  static Role role(String name) {
    return owner.admin.iam().getRole(b -> b.roleName(name)).role();
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
