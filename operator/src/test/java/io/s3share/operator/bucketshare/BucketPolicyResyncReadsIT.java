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
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forty idle shares on two buckets, re-checked every few seconds: each resync reads each bucket's
 * policy a bounded number of times, not once per share, writes nothing, and still repairs a
 * statement removed by hand within one resync period.
 */
@ExtendWith(MotoExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BucketPolicyResyncReadsIT {

  static final int SHARES = 40;
  static final List<String> BUCKETS = List.of("reads-left", "reads-right");
  static final Duration RESYNC = Duration.ofSeconds(10);
  static final int PERIODS = 3;
  static final SidNamespace OURS = new SidNamespace("resyncreads");
  static final OperatorUnderTest operator = OperatorUnderTest.create("resyncreads", RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "resyncreads-owner", "111111111111");
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  @Order(1)
  void idleSharesReadEachBucketPolicyOncePerResync() {
    BUCKETS.forEach(owner::createBucket);
    IntStream.range(0, SHARES)
        .parallel()
        .forEach(
            i ->
                operator
                    .client
                    .resource(share("share-" + i, BUCKETS.get(i % 2), 300_000_000_000L + i))
                    .serverSideApply());
    awaitAllReady();

    operator.calls.reset();
    // Nothing changes for three resync periods: not one write, and one read per bucket each.
    await()
        .during(RESYNC.multipliedBy(PERIODS))
        .atMost(RESYNC.multipliedBy(PERIODS + 1))
        .until(() -> operator.calls.mutating() == 0);
    int reads = operator.calls.count("GetBucketPolicy");
    System.out.printf(
        "resync reads: %d shares on %d buckets, %d resyncs -> %d GetBucketPolicy%n",
        SHARES, BUCKETS.size(), PERIODS, reads);
    assertThat(operator.calls.mutating()).isZero();
    // One read per bucket and period, by the policy writer: the posture report takes the policy
    // the writer saw. A window of three periods may catch the start of a fourth. Reading per
    // share would be forty reads a period.
    assertThat(reads).isBetween(BUCKETS.size(), BUCKETS.size() * (PERIODS + 1));
  }

  @Test
  @Order(2)
  void aStatementRemovedByHandIsRestoredWithinOneResync() {
    String bucket = BUCKETS.get(0);
    List<ObjectNode> before = statements(owner.admin, bucket);
    ObjectNode removed = withSidPrefix(before, OURS.sidPrefix()).get(0);
    BucketPolicies.put(
        owner.admin, bucket, before.stream().filter(s -> !s.equals(removed)).toList());
    assertThat(statements(owner.admin, bucket)).doesNotContain(removed);

    await()
        .atMost(RESYNC.plusSeconds(5))
        .untilAsserted(
            () ->
                assertThat(statements(owner.admin, bucket))
                    .extracting(s -> s.path("Sid").asText())
                    .contains(removed.path("Sid").asText()));
  }

  private static void awaitAllReady() {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(operator.namespace())
                            .list()
                            .getItems())
                    .hasSize(SHARES)
                    .allSatisfy(s -> assertThat(Shares.ready(s)).isEqualTo("True/Granted")));
  }

  static BucketShare share(String name, String bucket, long account) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        Access.Read,
        List.of(Consumer.account(String.valueOf(account))),
        List.of("shared/"));
  }
}
