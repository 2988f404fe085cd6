package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.foreignStatement;
import static io.s3share.operator.testing.BucketPolicies.parse;
import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A share's life against a real API server and moto: create, steady state, change, drift, a racing
 * foreign writer, delete. A foreign statement sits in the policy throughout and must come out of
 * every step exactly as it went in.
 */
@ExtendWith(MotoExtension.class)
class BucketShareLifecycleIT {

  static final String INSTALLATION = "lifecycle";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final String CONSUMER = "222222222222";
  static final Duration WAIT = Duration.ofSeconds(30);

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "lifecycle-owner", "111111111111");
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void createSteadyStateChangeDriftRaceAndDelete() {
    String bucket = "lifecycle-reports";
    owner.createBucket(bucket);
    ObjectNode foreign = foreignStatement("WrittenByAHuman", bucket, "999999999999");
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));

    // Create: exactly the minimal statements, behind the foreign one.
    apply(share("reports-reader", bucket, Access.Read, List.of("reports/")));
    BucketShare ready = awaitReady("reports-reader");
    List<ObjectNode> policy = statements(owner.admin, bucket);
    assertThat(policy.get(0)).isEqualTo(foreign);
    List<ObjectNode> ours = withSidPrefix(policy, OURS.sidPrefix());
    assertThat(ours.stream().map(BucketPolicies::withoutSid).toList())
        .usingElementComparator(BucketShareLifecycleIT::byMeaning)
        .containsExactlyInAnyOrder(
            parse(
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":"s3:ListBucket","Resource":"arn:aws:s3:::lifecycle-reports",
                 "Condition":{"Bool":{"aws:SecureTransport":"true"},
                              "StringLike":{"s3:prefix":["reports/","reports/*"]}}}"""),
            parse(
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":"s3:GetBucketLocation","Resource":"arn:aws:s3:::lifecycle-reports",
                 "Condition":{"Bool":{"aws:SecureTransport":"true"}}}"""),
            parse(
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":["s3:GetObject","s3:GetObjectVersion"],
                 "Resource":"arn:aws:s3:::lifecycle-reports/reports/*",
                 "Condition":{"Bool":{"aws:SecureTransport":"true"}}}"""));
    assertThat(ready.getStatus().getStatementIds())
        .containsExactlyInAnyOrderElementsOf(
            ours.stream().map(s -> s.get("Sid").asText()).toList());
    // The policy's size is the bucket's, reported by its writer as a metric, not by the share.
    assertThat(
            operator
                .metrics
                .get(BucketPolicyMetrics.POLICY_BYTES)
                .tag("bucket", "lifecycle-reports")
                .gauge()
                .value())
        .isPositive();
    assertThat(
            operator
                .metrics
                .get(BucketPolicyMetrics.POLICY_LIMIT_BYTES)
                .tag("bucket", "lifecycle-reports")
                .gauge()
                .value())
        .isEqualTo(20480);
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);

    // Steady state: resyncs keep reading, and write nothing.
    operator.calls.reset();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.calls.mutating()).isZero());
    assertThat(operator.calls.count("GetBucketPolicy")).isGreaterThanOrEqualTo(2);

    // Change access and prefixes: the policy follows.
    BucketShare changed =
        share("reports-reader", bucket, Access.ReadWrite, List.of("reports/", "exports/"));
    apply(changed);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(objectStatementOf(bucket).toString())
                    .contains("s3:DeleteObject")
                    .contains("s3:PutObject")
                    .contains("exports/*"));
    awaitReady("reports-reader");
    assertThat(statements(owner.admin, bucket).get(0)).isEqualTo(foreign);

    // Drift: someone rewrites the policy with only their own statement; resync restores ours.
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()))
                    .hasSize(3));
    assertThat(statements(owner.admin, bucket).get(0)).isEqualTo(foreign);

    // A foreign writer adds a statement between the operator's read and its write.
    ObjectNode racing = foreignStatement("AddedWhileOperatorWorked", bucket, "888888888888");
    operator.faults.afterNext(
        "GetBucketPolicy",
        bucket,
        () -> BucketPolicies.put(owner.admin, bucket, List.of(foreign, racing)));
    apply(share("reports-reader", bucket, Access.Read, List.of("exports/")));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(objectStatementOf(bucket).toString())
                    .doesNotContain("s3:PutObject")
                    .contains("exports/*")
                    .doesNotContain("reports/*"));
    awaitReady("reports-reader");
    assertThat(statements(owner.admin, bucket)).startsWith(foreign, racing);

    // Delete: our statements go, everyone else's stay, the policy itself stays.
    operator.client.resource(get("reports-reader")).delete();
    await().atMost(WAIT).until(() -> get("reports-reader") == null);
    assertThat(statements(owner.admin, bucket)).containsExactly(foreign, racing);
  }

  @Test
  void theBucketOfAShareCannotChangeSoItsGrantNeverStaysBehind() {
    String bucket = "lifecycle-moving";
    owner.createBucket(bucket);
    owner.createBucket("lifecycle-moved");
    apply(share("moving", bucket, Access.Read, List.of()));
    awaitReady("moving");

    // Moving the share would strand its grant in the old bucket: the API server refuses it.
    assertThatThrownBy(() -> apply(share("moving", "lifecycle-moved", Access.Read, List.of())))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.bucket is immutable")
        .hasMessageContaining("create a new BucketShare");
    BucketShare otherAccount =
        Shares.share(
            operator.namespace(),
            "moving",
            "lifecycle-elsewhere",
            bucket,
            Access.Read,
            List.of(Consumer.account(CONSUMER)),
            List.of());
    assertThatThrownBy(() -> apply(otherAccount))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.bucket is immutable");
    assertThat(get("moving").getSpec().getBucket().getName()).isEqualTo(bucket);
    assertThat(BucketPolicies.document(owner.admin, "lifecycle-moved")).isEmpty();

    operator.client.resource(get("moving")).delete();
    await().atMost(WAIT).until(() -> get("moving") == null);
    assertThat(BucketPolicies.document(owner.admin, bucket)).isEmpty();
  }

  @Test
  void anotherClusterWithOurInstallationIdIsReportedNotFought() {
    String bucket = "lifecycle-contested";
    owner.createBucket(bucket);
    apply(share("contested", bucket, Access.Read, List.of()));
    awaitReady("contested");
    // Another cluster left on the same installation id writes its own statement under our prefix.
    ObjectNode theirs =
        foreignStatement(OURS.sidFor("another cluster's share"), bucket, "666666666666");
    addStatement(bucket, theirs);
    // Seen once, it looks like a stale statement of ours: removed.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(statements(owner.admin, bucket).toString()).doesNotContain("6666"));

    // It comes back: that is another writer, not staleness.
    addStatement(bucket, theirs);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Shares.stalledReason(get("contested")))
                    .isEqualTo("InstallationIdConflict"));
    assertThat(Shares.condition(get("contested"), Conditions.STALLED).get().getMessage())
        .contains("S3SHARE_INSTALLATION_ID")
        .contains(theirs.get("Sid").asText());
    operator.calls.reset();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(statements(owner.admin, bucket)).contains(theirs);
              assertThat(operator.calls.count("PutBucketPolicy")).isZero();
            });

    // The other cluster gets its own id and its statement goes: the share is Ready again.
    BucketPolicies.put(
        owner.admin,
        bucket,
        statements(owner.admin, bucket).stream().filter(s -> !s.equals(theirs)).toList());
    awaitReady("contested");
    operator.client.resource(get("contested")).delete();
    await().atMost(WAIT).until(() -> get("contested") == null);
  }

  private static void addStatement(String bucket, ObjectNode statement) {
    List<ObjectNode> next = new java.util.ArrayList<>(statements(owner.admin, bucket));
    next.add(statement);
    BucketPolicies.put(owner.admin, bucket, next);
  }

  @Test
  void deletingTheLastShareDeletesThePolicyWhenNothingElseRemains() {
    String bucket = "lifecycle-only-ours";
    owner.createBucket(bucket);
    apply(share("only-ours", bucket, Access.List, List.of()));
    awaitReady("only-ours");
    assertThat(statements(owner.admin, bucket)).isNotEmpty();

    operator.client.resource(get("only-ours")).delete();

    await().atMost(WAIT).until(() -> get("only-ours") == null);
    assertThat(BucketPolicies.document(owner.admin, bucket)).isEmpty();
  }

  @Test
  void retainedShareKeepsItsAccessAfterDeletionAndAfterOtherWrites() {
    String bucket = "lifecycle-retained";
    owner.createBucket(bucket);
    apply(Shares.retained(share("kept", bucket, Access.Read, List.of("data/"))));
    awaitReady("kept");
    List<ObjectNode> granted = withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix());

    operator.client.resource(get("kept")).delete();
    await().atMost(WAIT).until(() -> get("kept") == null);

    // Another share's write must not take the retained access away.
    apply(share("newcomer", bucket, Access.List, List.of()));
    awaitReady("newcomer");
    List<ObjectNode> retained =
        withSidPrefix(statements(owner.admin, bucket), RetainedStatements.SID_PREFIX);
    assertThat(retained.stream().map(BucketPolicies::withoutSid).toList())
        .usingElementComparator(BucketShareLifecycleIT::byMeaning)
        .containsExactlyInAnyOrderElementsOf(
            granted.stream().map(BucketPolicies::withoutSid).toList());
  }

  @Test
  void bucketDeletedOutOfBandDoesNotBlockDeletion() {
    String bucket = "lifecycle-vanishing";
    owner.createBucket(bucket);
    apply(share("vanishing", bucket, Access.Read, List.of()));
    awaitReady("vanishing");

    owner.admin.s3().deleteBucketPolicy(b -> b.bucket(bucket));
    owner.admin.s3().deleteBucket(b -> b.bucket(bucket));
    operator.client.resource(get("vanishing")).delete();

    await().atMost(Duration.ofSeconds(60)).until(() -> get("vanishing") == null);
  }

  /** Statement order for assertions: 0 when two statements grant the same. */
  static int byMeaning(ObjectNode a, ObjectNode b) {
    return PolicyEquivalence.canonical(a).equals(PolicyEquivalence.canonical(b)) ? 0 : 1;
  }

  /**
   * Our statement on the objects. Missing is an assertion failure, not an exception, so that the
   * waits above retry through the moments a racing writer leaves only foreign statements.
   */
  private static ObjectNode objectStatementOf(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()).stream()
        .filter(s -> s.toString().contains("s3:GetObject") || s.toString().contains("s3:PutObject"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no object statement of ours in " + bucket));
  }

  static BucketShare share(String name, String bucket, Access access, List<String> prefixes) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        access,
        List.of(Consumer.account(CONSUMER)),
        prefixes);
  }

  static void apply(BucketShare share) {
    operator.client.resource(share).serverSideApply();
  }

  static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  static BucketShare awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(share.getStatus().getObservedGeneration())
                  .isEqualTo(share.getMetadata().getGeneration());
            });
    return get(name);
  }
}
