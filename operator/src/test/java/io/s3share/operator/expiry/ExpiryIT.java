package io.s3share.operator.expiry;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.ReviewOverdueAction;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.SharingPolicySpec;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.crossaccountrole.RoleSuspension;
import io.s3share.operator.policy.PolicyEquivalence;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Access that ends on its own, on a real API server and moto: shares and roles that expire, the
 * longest expiry a SharingPolicy allows, and reviews that fall overdue. The resync period is far
 * longer than any wait here, so only the reconcilers' own timers can act on time.
 */
@ExtendWith(MotoExtension.class)
class ExpiryIT {

  static final String INSTALLATION = "expiry";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofMinutes(10);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER_ACCOUNT = "555000000001";
  static final String CONSUMER = "555000000002";
  static final String FOREIGN_READER = "555000000009";
  static final String POLICY = "expiry-it-team";
  static final Map<String, String> TENANT = Map.of("expiry-it/tenant", "team");
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "expiry-owner", OWNER_ACCOUNT);
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
  void tenantWithoutTimeLimits() {
    labelNamespace();
    apply(policy(spec -> spec));
  }

  @Test
  void aShareExpiresOnTimeLeavingForeignStatementsAndExtendingItRestoresTheGrants() {
    String bucket = "expiry-team-reports";
    owner.createBucket(bucket);
    ObjectNode foreign = BucketPolicies.foreignStatement("WrittenByHand", bucket, FOREIGN_READER);
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));
    Instant expiresAt = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    BucketShare share = share("reports", bucket);
    share.getSpec().setExpiresAt(utc(expiresAt));
    operator.client.resource(share).serverSideApply();
    awaitReady(BucketShare.class, "reports", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(summary(BucketShare.class, "reports", Conditions.READY))
                  .isEqualTo("False/Expired");
              assertThat(ours(bucket)).isEmpty();
            });
    assertThat(summary(BucketShare.class, "reports", Conditions.STALLED)).isEqualTo("True/Expired");
    Condition ready = condition(BucketShare.class, "reports", Conditions.READY);
    // Not a moment early: the grants went when the expiry came, and not at some later resync.
    assertThat(Instant.parse(ready.getLastTransitionTime())).isAfterOrEqualTo(expiresAt);
    assertThat(ready.getMessage())
        .contains("Access expired at " + expiresAt + " (spec.expiresAt)")
        .contains("set spec.expiresAt to a later time")
        .contains("delete this BucketShare");
    assertThat(foreignStatements(bucket)).containsExactly(foreign);
    assertThat(get(BucketShare.class, "reports").getStatus().getStatementIds()).isNull();

    // Extended: the same statements come back; the foreign one is still untouched.
    share.getSpec().setExpiresAt(utc(Instant.now().plus(Duration.ofHours(1))));
    operator.client.resource(share).serverSideApply();
    awaitReady(BucketShare.class, "reports", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();
    assertThat(foreignStatements(bucket)).containsExactly(foreign);

    operator.client.resource(get(BucketShare.class, "reports")).delete();
    await().atMost(WAIT).until(() -> get(BucketShare.class, "reports") == null);
    assertThat(ours(bucket)).isEmpty();
    assertThat(foreignStatements(bucket)).containsExactly(foreign);
  }

  @Test
  void aRoleExpiresIntoSuspensionAndExtendingItRestoresTheSameRole() throws Exception {
    CrossAccountRole resource = role("reader", Instant.now().plusSeconds(30));
    operator.client.resource(resource).serverSideApply();
    awaitReady(CrossAccountRole.class, "reader", "True/RoleReady");
    String roleName = get(CrossAccountRole.class, "reader").getStatus().getRoleName();
    Role before = iamRole(roleName);
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(summary(CrossAccountRole.class, "reader", Conditions.READY))
                  .isEqualTo("False/Expired");
              assertThat(inlinePolicyNames(roleName)).isEmpty();
              Role suspended = iamRole(roleName);
              assertThat(suspended.roleId()).isEqualTo(before.roleId());
              assertThat(
                      PolicyEquivalence.equivalentJson(
                          PolicyEquivalence.urlDecodeIfNeeded(suspended.assumeRolePolicyDocument()),
                          RoleSuspension.TRUST_POLICY))
                  .isTrue();
            });
    assertThat(condition(CrossAccountRole.class, "reader", Conditions.READY).getMessage())
        .contains("Access expired at")
        .contains("The IAM role " + roleName + " is suspended")
        .contains("restored once spec.expiresAt is later than now");

    resource.getSpec().setExpiresAt(utc(Instant.now().plus(Duration.ofHours(1))));
    operator.client.resource(resource).serverSideApply();
    awaitReady(CrossAccountRole.class, "reader", "True/RoleReady");
    Role restored = iamRole(roleName);
    assertThat(restored.roleId()).isEqualTo(before.roleId());
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
    JsonNode trust =
        JSON.readTree(PolicyEquivalence.urlDecodeIfNeeded(restored.assumeRolePolicyDocument()));
    assertThat(trust.toString()).contains(CONSUMER).doesNotContain("S3ShareSuspended");

    operator.client.resource(get(CrossAccountRole.class, "reader")).delete();
    await().atMost(WAIT).until(() -> get(CrossAccountRole.class, "reader") == null);
  }

  @Test
  void maxDurationDeniesAMissingOrTooLateExpiryNamingTheMaximum() {
    apply(policy(spec -> withMaxDuration(spec, "PT1H")));
    String bucket = "expiry-team-bounded";
    owner.createBucket(bucket);
    BucketShare share = share("bounded", bucket);
    operator.client.resource(share).serverSideApply();
    awaitReady(BucketShare.class, "bounded", "False/DeniedBySharingPolicy");
    assertThat(message(BucketShare.class, "bounded"))
        .contains("SharingPolicy " + POLICY + ": spec.expiresAt must be set, at most 1h from now");

    share.getSpec().setExpiresAt(utc(Instant.now().plus(Duration.ofHours(3))));
    operator.client.resource(share).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(message(BucketShare.class, "bounded"))
                    .contains("beyond maxDuration 1h: set it at most 1h from now"));
    assertThat(summary(BucketShare.class, "bounded", Conditions.READY))
        .isEqualTo("False/DeniedBySharingPolicy");
    assertThat(ours(bucket)).isEmpty();

    share.getSpec().setExpiresAt(utc(Instant.now().plus(Duration.ofMinutes(30))));
    operator.client.resource(share).serverSideApply();
    awaitReady(BucketShare.class, "bounded", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();

    // A role without an expiry is held to the same maximum.
    CrossAccountRole unbounded = role("unbounded", null);
    operator.client.resource(unbounded).serverSideApply();
    awaitReady(CrossAccountRole.class, "unbounded", "False/DeniedBySharingPolicy");
    assertThat(message(CrossAccountRole.class, "unbounded"))
        .contains("spec.expiresAt must be set, at most 1h from now");

    operator.client.resource(get(BucketShare.class, "bounded")).delete();
    operator.client.resource(get(CrossAccountRole.class, "unbounded")).delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                get(BucketShare.class, "bounded") == null
                    && get(CrossAccountRole.class, "unbounded") == null);
  }

  @Test
  void anOverdueReviewIsReportedThenRevokedAndRecordingAReviewRestoresTheGrants() {
    apply(policy(spec -> withReview(spec, "PT60S", ReviewOverdueAction.Report)));
    String bucket = "expiry-team-reviewed";
    owner.createBucket(bucket);
    ObjectNode foreign = BucketPolicies.foreignStatement("WrittenByHand", bucket, FOREIGN_READER);
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));
    BucketShare share = share("reviewed", bucket);
    // Reviewed 45 s ago: due in 15 s.
    share
        .getMetadata()
        .setAnnotations(Map.of(Term.REVIEWED_AT, stamp(Instant.now().minusSeconds(45))));
    operator.client.resource(share).serverSideApply();

    // Reported only: the grants stay while status says what to do.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(summary(BucketShare.class, "reviewed", Conditions.READY))
                  .isEqualTo("True/ReviewOverdue");
              assertThat(ours(bucket)).isNotEmpty();
            });
    assertThat(message(BucketShare.class, "reviewed"))
        .contains("Review overdue since")
        .contains("SharingPolicy " + POLICY + " asks for a review every 1m")
        .contains("Its grants stay in place (onReviewOverdue: Report)")
        .contains("kubectl annotate bucketshare reviewed " + Term.REVIEWED_AT + "=");

    // The policy now revokes overdue shares: the grants go, the foreign statement stays.
    apply(policy(spec -> withReview(spec, "PT60S", ReviewOverdueAction.Revoke)));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(summary(BucketShare.class, "reviewed", Conditions.READY))
                  .isEqualTo("False/ReviewOverdue");
              assertThat(ours(bucket)).isEmpty();
            });
    assertThat(summary(BucketShare.class, "reviewed", Conditions.STALLED))
        .isEqualTo("True/ReviewOverdue");
    assertThat(foreignStatements(bucket)).containsExactly(foreign);

    // Someone reviews it: recording the review restores the grants at once.
    operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName("reviewed")
        .edit(
            s -> {
              Map<String, String> annotations = new HashMap<>(s.getMetadata().getAnnotations());
              annotations.put(Term.REVIEWED_AT, stamp(Instant.now()));
              s.getMetadata().setAnnotations(annotations);
              return s;
            });
    awaitReady(BucketShare.class, "reviewed", "True/Granted");
    assertThat(ours(bucket)).isNotEmpty();
    assertThat(foreignStatements(bucket)).containsExactly(foreign);

    operator.client.resource(get(BucketShare.class, "reviewed")).delete();
    await().atMost(WAIT).until(() -> get(BucketShare.class, "reviewed") == null);
  }

  static SharingPolicySpec withMaxDuration(SharingPolicySpec spec, String max) {
    spec.setMaxDuration(max);
    return spec;
  }

  static SharingPolicySpec withReview(
      SharingPolicySpec spec, String every, ReviewOverdueAction action) {
    spec.setReviewEvery(every);
    spec.setOnReviewOverdue(action);
    return spec;
  }

  static SharingPolicy policy(UnaryOperator<SharingPolicySpec> limits) {
    SharingPolicy policy =
        SharingPolicies.policy(
            POLICY,
            TENANT,
            owner.name,
            List.of("expiry-team-*"),
            List.of(CONSUMER),
            List.of(),
            Access.Read,
            List.of(SharingMethod.BucketPolicy, SharingMethod.CrossAccountRole));
    policy.setSpec(limits.apply(policy.getSpec()));
    return policy;
  }

  static void apply(SharingPolicy policy) {
    operator.client.resource(policy).serverSideApply();
  }

  static BucketShare share(String name, String bucket) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        Access.Read,
        List.of(Consumer.account(CONSUMER)),
        List.of());
  }

  static CrossAccountRole role(String name, Instant expiresAt) {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(CONSUMER)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("expiry-team-roles", Access.Read, List.of("reports/"))));
    spec.setExpiresAt(expiresAt == null ? null : utc(expiresAt));
    resource.setSpec(spec);
    return resource;
  }

  static OffsetDateTime utc(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
  }

  static String stamp(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
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

  static <T extends HasMetadata> T get(Class<T> kind, String name) {
    return operator.client.resources(kind).inNamespace(operator.namespace()).withName(name).get();
  }

  /** "True/Granted" for a condition that is there, "none" while it is not. */
  static <T extends HasMetadata> String summary(Class<T> kind, String name, String type) {
    T resource = get(kind, name);
    return resource == null
        ? "none"
        : Shares.conditionOf(resource, type)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  static <T extends HasMetadata> Condition condition(Class<T> kind, String name, String type) {
    return Shares.conditionOf(get(kind, name), type).orElseThrow();
  }

  static <T extends HasMetadata> String message(Class<T> kind, String name) {
    T resource = get(kind, name);
    return resource == null
        ? ""
        : Shares.conditionOf(resource, Conditions.READY).map(Condition::getMessage).orElse("");
  }

  static void awaitReady(Class<? extends HasMetadata> kind, String name, String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(summary(kind, name, Conditions.READY)).isEqualTo(expected));
  }

  static List<ObjectNode> ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix());
  }

  static List<ObjectNode> foreignStatements(String bucket) {
    return statements(owner.admin, bucket).stream()
        .filter(s -> !s.path("Sid").asText("").startsWith(OURS.sidPrefix()))
        .toList();
  }

  static Role iamRole(String name) {
    return owner.admin.iam().getRole(b -> b.roleName(name)).role();
  }

  static List<String> inlinePolicyNames(String roleName) {
    return owner.admin.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames();
  }
}
