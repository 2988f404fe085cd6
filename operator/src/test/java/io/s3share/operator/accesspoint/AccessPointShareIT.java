package io.s3share.operator.accesspoint;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A share through an access point, from creation to deletion: the exact access point policy and
 * bucket-policy delegation, changes, drift, and what the consumer is told to attach.
 */
@ExtendWith(MotoExtension.class)
class AccessPointShareIT {

  static final String INSTALLATION = "apshare";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String PREFIX = "s3s-" + INSTALLATION + "-";
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String OWNER = "212121212121";
  static final String CONSUMER = "222222222201";
  static final String OTHER_CONSUMER = "222222222202";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static AccessPointFixture accessPoints;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "apshare-owner", OWNER);
    accessPoints = new AccessPointFixture(owner.admin, OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    owner.close();
  }

  @Test
  void grantsThroughItsOwnAccessPointAndDelegatesOnlyToOurs() {
    String bucket = "apshare-reports";
    owner.createBucket(bucket);
    apply(
        AccessPointFixture.viaAccessPoint(
            share("reports", bucket, Access.Read, CONSUMER), "reports"));

    String name = PREFIX + "reports";
    BucketShare granted = awaitGranted("reports");
    String arn = accessPoints.find(name).orElseThrow().accessPointArn();
    assertThat(granted.getStatus().getAccessPoint().getName()).isEqualTo(name);
    assertThat(granted.getStatus().getAccessPoint().getArn()).isEqualTo(arn);
    assertThat(granted.getStatus().getAccessPoint().getAlias())
        .isEqualTo(accessPoints.find(name).orElseThrow().alias());
    assertThat(granted.getStatus().getGrantedVia().name()).isEqualTo("AccessPoint");
    assertThat(granted.getStatus().getAccessPointPolicy().getLimitBytes()).isEqualTo(20480);
    assertThat(accessPoints.tags(arn))
        .containsEntry("s3share.io/managed-by", "s3-share-operator-" + INSTALLATION)
        .containsEntry("s3share.io/owner", operator.namespace() + "/reports");

    assertThat(withoutSids(accessPoints.statements(name)))
        .containsExactlyInAnyOrderElementsOf(expectedReadPolicy(arn, CONSUMER));
    assertThat(withSidPrefix(accessPoints.statements(name), OURS.sidPrefix())).hasSize(3);
    assertThat(withoutSids(ours(bucket)))
        .containsExactly(
            delegation(
                bucket,
                "\"s3:GetBucketLocation\",\"s3:GetObject\",\"s3:GetObjectVersion\","
                    + "\"s3:ListBucket\""));

    // The identity policy the consumer must attach names the access point and the prefix.
    ObjectNode consumerPolicy = BucketPolicies.parse(granted.getStatus().getConsumerPolicy());
    assertThat(consumerPolicy.toString())
        .contains(arn + "/object/reports/*")
        .contains("s3:GetObject")
        .doesNotContain("Principal");
  }

  @Test
  void followsChangesToAccessPrefixesAndConsumers() {
    String bucket = "apshare-changes";
    owner.createBucket(bucket);
    BucketShare share =
        AccessPointFixture.viaAccessPoint(
            share("changes", bucket, Access.Read, CONSUMER), "changes");
    apply(share);
    awaitGranted("changes");
    String name = PREFIX + "changes";

    share.getSpec().setAccess(Access.ReadWrite);
    share.getSpec().setPrefixes(List.of("in/", "out/"));
    share
        .getSpec()
        .setConsumers(List.of(Consumer.account(CONSUMER), Consumer.account(OTHER_CONSUMER)));
    apply(share);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String policy = accessPoints.statements(name).toString();
              assertThat(policy)
                  .contains("s3:PutObject", "s3:DeleteObject", "/object/in/*", "/object/out/*")
                  .contains(OTHER_CONSUMER)
                  .doesNotContain("/object/reports/");
              assertThat(ours(bucket).toString()).contains("s3:PutObject", "s3:DeleteObject");
            });
  }

  @Test
  void repairsDriftInTheAccessPointPolicyAndTheDelegationAtResync() {
    String bucket = "apshare-drift";
    owner.createBucket(bucket);
    apply(
        AccessPointFixture.viaAccessPoint(share("drift", bucket, Access.Read, CONSUMER), "drift"));
    awaitGranted("drift");
    String name = PREFIX + "drift";
    List<ObjectNode> before = accessPoints.statements(name);
    String foreign =
        "{\"Sid\":\"Audit\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OTHER_CONSUMER
            + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\""
            + accessPoints.find(name).orElseThrow().accessPointArn()
            + "/object/audit/*\"}";

    // Someone replaces the access point policy with their own statement, and empties the bucket's.
    accessPoints.putPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[" + foreign + "]}");
    owner.admin.s3().deleteBucketPolicy(b -> b.bucket(bucket));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<ObjectNode> now = accessPoints.statements(name);
              assertThat(withSidPrefix(now, OURS.sidPrefix()))
                  .containsExactlyInAnyOrderElementsOf(withSidPrefix(before, OURS.sidPrefix()));
              assertThat(now.toString()).contains("\"Audit\"");
              assertThat(ours(bucket)).hasSize(1);
            });
  }

  @Test
  void leavesAnUnmanagedAccessPointOfTheSameNameUntouched() {
    String bucket = "apshare-taken";
    owner.createBucket(bucket);
    String name = PREFIX + "taken";
    String foreignPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Theirs\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OTHER_CONSUMER
            + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    accessPoints.createForeign(name, bucket, foreignPolicy);

    apply(
        AccessPointFixture.viaAccessPoint(share("taken", bucket, Access.Read, CONSUMER), "taken"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Shares.stalledReason(get("taken")))
                    .isEqualTo("AccessPointExistsNotManaged"));
    assertThat(accessPoints.statements(name).toString())
        .contains("Theirs")
        .doesNotContain("S3Share");

    operator.client.resource(get("taken")).delete();
    await().atMost(WAIT).until(() -> get("taken") == null);
    assertThat(accessPoints.find(name)).isPresent();
    assertThat(accessPoints.statements(name).toString()).contains("Theirs");
  }

  @Test
  void aNameChangeReplacesTheAccessPoint() {
    String bucket = "apshare-rename";
    owner.createBucket(bucket);
    BucketShare share =
        AccessPointFixture.viaAccessPoint(share("rename", bucket, Access.Read, CONSUMER), "before");
    apply(share);
    awaitGranted("rename");

    share.getSpec().getAccessPoint().setName("after");
    apply(share);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare now = get("rename");
              assertThat(Shares.ready(now)).isEqualTo("True/Granted");
              assertThat(now.getStatus().getAccessPoint().getName()).isEqualTo(PREFIX + "after");
              assertThat(accessPoints.find(PREFIX + "before")).isEmpty();
              // No prefixes: one statement for the bucket-level actions, one for objects.
              assertThat(withSidPrefix(accessPoints.statements(PREFIX + "after"), OURS.sidPrefix()))
                  .hasSize(2);
            });
    assertThat(ours(bucket)).hasSize(1);
  }

  @Test
  void sharesByPolicyAndByAccessPointLiveOnOneBucketAndTheDelegationGoesWithTheLastAccessPoint() {
    String bucket = "apshare-mixed";
    owner.createBucket(bucket);
    apply(share("by-policy", bucket, Access.Read, OTHER_CONSUMER));
    apply(
        AccessPointFixture.viaAccessPoint(share("by-ap", bucket, Access.Read, CONSUMER), "mixed"));
    awaitGranted("by-policy");
    awaitGranted("by-ap");

    String policy = ours(bucket).toString();
    assertThat(policy).contains(OTHER_CONSUMER).contains("s3:DataAccessPointArn");
    assertThat(policy).doesNotContain(CONSUMER);

    operator.client.resource(get("by-ap")).delete();
    await().atMost(WAIT).until(() -> get("by-ap") == null);
    assertThat(accessPoints.find(PREFIX + "mixed")).isEmpty();
    assertThat(ours(bucket).toString())
        .contains(OTHER_CONSUMER)
        .doesNotContain("s3:DataAccessPointArn");
  }

  @Test
  void retainKeepsTheAccessPointAndANarrowedDelegationAsUnmanaged() {
    String bucket = "apshare-retain";
    owner.createBucket(bucket);
    apply(
        Shares.retained(
            AccessPointFixture.viaAccessPoint(
                share("kept", bucket, Access.Read, CONSUMER), "kept")));
    awaitGranted("kept");
    String name = PREFIX + "kept";
    String arn = accessPoints.find(name).orElseThrow().accessPointArn();

    operator.client.resource(get("kept")).delete();
    await().atMost(WAIT).until(() -> get("kept") == null);

    assertThat(accessPoints.find(name)).isPresent();
    assertThat(accessPoints.tags(arn))
        .doesNotContainKeys("s3share.io/managed-by", "s3share.io/owner");
    List<ObjectNode> kept = accessPoints.statements(name);
    assertThat(kept).hasSize(2);
    assertThat(withSidPrefix(kept, OURS.sidPrefix())).isEmpty();
    assertThat(kept.toString()).contains(CONSUMER);
    assertThat(ours(bucket)).isEmpty();
    assertThat(statements(owner.admin, bucket).toString())
        .contains("S3ShareRetained")
        .contains("\"s3:DataAccessPointArn\":[\"" + arn + "\"]");
  }

  @Test
  void deletionRemovesThePolicyTheAccessPointAndTheDelegation() {
    String bucket = "apshare-delete";
    owner.createBucket(bucket);
    apply(AccessPointFixture.viaAccessPoint(share("gone", bucket, Access.Read, CONSUMER), null));
    BucketShare granted = awaitGranted("gone");
    String name = granted.getStatus().getAccessPoint().getName();
    assertThat(name).startsWith(PREFIX).hasSizeLessThanOrEqualTo(50);

    operator.client.resource(get("gone")).delete();
    await().atMost(WAIT).until(() -> get("gone") == null);
    assertThat(accessPoints.find(name)).isEmpty();
    assertThat(BucketPolicies.document(owner.admin, bucket)).isEmpty();
  }

  private BucketShare awaitGranted(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get(name))).isEqualTo("True/Granted"));
    return get(name);
  }

  private static List<ObjectNode> expectedReadPolicy(String arn, String consumer) {
    String principal = "\"Principal\":{\"AWS\":[\"arn:aws:iam::" + consumer + ":root\"]}";
    String tls = "\"Bool\":{\"aws:SecureTransport\":[\"true\"]}";
    return List.of(
        BucketPolicies.parse(
            "{\"Effect\":\"Allow\","
                + principal
                + ",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\""
                + arn
                + "\"],\"Condition\":{"
                + tls
                + ",\"StringLike\":{\"s3:prefix\":[\"reports/\",\"reports/*\"]}}}"),
        BucketPolicies.parse(
            "{\"Effect\":\"Allow\","
                + principal
                + ",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\""
                + arn
                + "\"],\"Condition\":{"
                + tls
                + "}}"),
        BucketPolicies.parse(
            "{\"Effect\":\"Allow\","
                + principal
                + ",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":[\""
                + arn
                + "/object/reports/*\"],\"Condition\":{"
                + tls
                + "}}"));
  }

  /** The delegation as the AwsAccount's Region and our prefix make it; actions as JSON strings. */
  private static ObjectNode delegation(String bucket, String actions) {
    return BucketPolicies.parse(
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
            + actions
            + "],\"Resource\":[\"arn:aws:s3:::"
            + bucket
            + "\",\"arn:aws:s3:::"
            + bucket
            + "/*\"],\"Condition\":{\"StringEquals\":{\"s3:DataAccessPointAccount\":[\""
            + OWNER
            + "\"]},\"StringLike\":{\"s3:DataAccessPointArn\":[\"arn:aws:s3:"
            + MotoAccounts.REGION.id()
            + ":"
            + OWNER
            + ":accesspoint/"
            + PREFIX
            + "*\"]}}}");
  }

  private static List<ObjectNode> withoutSids(List<ObjectNode> statements) {
    return statements.stream().map(BucketPolicies::withoutSid).toList();
  }

  private static List<ObjectNode> ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix());
  }

  static BucketShare share(String name, String bucket, Access access, String consumer) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        access,
        List.of(Consumer.account(consumer)),
        name.equals("reports") ? List.of("reports/") : List.of());
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
}
