package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
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
 * Principals AWS will not take: one S3 refuses stops only its own share, and a role AWS shows as
 * its unique id after deletion is reported, not rewritten in a loop.
 */
@ExtendWith(MotoExtension.class)
class BucketSharePrincipalsIT {

  static final String INSTALLATION = "principals";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(10);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String UNKNOWN_ACCOUNT = "999999999999";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "principals-owner", "171717171700");
  }

  @AfterEach
  void noMoreFaults() {
    operator.faults.clear();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aPrincipalS3RefusesStopsOnlyItsOwnShare() {
    String bucket = "principals-mixed";
    owner.createBucket(bucket);
    operator.faults.s3RefusesPrincipal(bucket, UNKNOWN_ACCOUNT);
    apply(share("early", bucket, Consumer.account("171717171701")));
    awaitReady("early");

    apply(share("unknown", bucket, Consumer.account(UNKNOWN_ACCOUNT)));
    apply(share("late", bucket, Consumer.account("171717171702")));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(get("late"))).isEqualTo("True/Granted");
              assertThat(Shares.ready(get("early"))).isEqualTo("True/Granted");
              // Tolerates a status not written yet: the condition is awaited, not assumed.
              assertThat(Shares.condition(get("unknown"), Conditions.RECONCILING))
                  .hasValueSatisfying(
                      waiting -> {
                        assertThat(waiting.getReason()).isEqualTo("WaitingForPrincipal");
                        assertThat(waiting.getMessage()).contains(UNKNOWN_ACCOUNT);
                      });
              assertThat(Shares.ready(get("unknown"))).isEqualTo("Unknown/WaitingForPrincipal");
            });
    assertThat(ours(bucket))
        .contains("171717171701")
        .contains("171717171702")
        .doesNotContain(UNKNOWN_ACCOUNT);

    // A revocation never waits for the bad principal.
    operator.client.resource(get("early")).delete();
    await().atMost(WAIT).until(() -> get("early") == null);
    assertThat(ours(bucket)).doesNotContain("171717171701").contains("171717171702");
    assertThat(Shares.ready(get("late"))).isEqualTo("True/Granted");
  }

  @Test
  void aDeletedRoleIsReportedAndNotRewrittenInALoop() {
    String bucket = "principals-dangling";
    String role = "arn:aws:iam::171717171703:role/reader";
    owner.createBucket(bucket);
    // Someone else's statement naming a deleted role by its unique id: never drift.
    ObjectNode foreign = BucketPolicies.foreignStatement("TheirOwn", bucket, "171717171704");
    foreign.putObject("Principal").put("AWS", "AROAFOREIGNEXAMPLE0001");
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));
    apply(share("by-role", bucket, Consumer.role(role)));
    awaitReady("by-role");

    // The role is deleted: AWS now shows its unique id in our statement.
    operator.faults.s3ShowsDeletedRole(bucket, role, "AROADELETEDEXAMPLE001");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.stalledReason(get("by-role"))).isEqualTo("DanglingPrincipal");
              assertThat(Shares.condition(get("by-role"), Conditions.STALLED))
                  .hasValueSatisfying(c -> assertThat(c.getMessage()).contains(role));
            });
    operator.calls.reset();
    Duration window = RESYNC.multipliedBy(3);
    await()
        .during(window)
        .atMost(window.plus(Duration.ofSeconds(30)))
        .untilAsserted(
            () -> {
              // At most one retry per resync of the share, never a loop.
              assertThat(operator.calls.count("PutBucketPolicy")).isLessThanOrEqualTo(4);
              assertThat(Shares.stalledReason(get("by-role"))).isEqualTo("DanglingPrincipal");
            });
    assertThat(statements(owner.admin, bucket).get(0)).isEqualTo(foreign);

    // The role is re-created: the next resync grants it again.
    operator.faults.clear();
    awaitReady("by-role");
    assertThat(ours(bucket)).contains(role);
  }

  private static String ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()).toString();
  }

  static BucketShare share(String name, String bucket, Consumer consumer) {
    return Shares.share(
        operator.namespace(), name, owner.name, bucket, Access.Read, List.of(consumer), List.of());
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

  static void awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get(name))).isEqualTo("True/Granted"));
  }
}
