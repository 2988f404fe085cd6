package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A share's status says what belongs to the share. Another share joining its bucket changes the
 * bucket's policy, but not this share's grants: resyncs after it must patch no other share's
 * status, or a bucket of a hundred shares costs a hundred status writes per new share.
 */
@ExtendWith(MotoExtension.class)
class BucketShareStatusStabilityIT {

  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String ACCOUNT_ID = "111111111197";
  static final String BUCKET = "stability-data";
  static final int SHARES = 20;

  static final OperatorUnderTest operator = OperatorUnderTest.create("stability", RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "stability-owner", ACCOUNT_ID);
    owner.createBucket(BUCKET);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aShareJoiningTheBucketPatchesNoOtherSharesStatus() {
    List<String> names =
        IntStream.rangeClosed(1, SHARES).mapToObj(i -> String.format("reader-%02d", i)).toList();
    names.forEach(name -> apply(share(name)));
    await().atMost(WAIT).untilAsserted(() -> assertAllReady(names));
    // Shares that were granted one after another may still be catching up with each other's
    // writes: start from statuses that a whole resync left alone.
    AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
    await()
        .atMost(WAIT)
        .pollInterval(RESYNC.multipliedBy(2))
        .until(() -> last.get().equals(last.getAndSet(versions(names))));
    Map<String, String> before = last.get();

    double bytesBefore = metric(BucketPolicyMetrics.POLICY_BYTES);
    double writesBefore = metric(BucketPolicyMetrics.WRITES);
    apply(share("reader-21"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get("reader-21"))).isEqualTo("True/Granted"));
    assertThat(policy()).as("the new share is in the policy").contains(consumerOf("reader-21"));
    // The bucket-wide figures are the writer's to report, once per bucket.
    assertThat(metric(BucketPolicyMetrics.WRITES)).as("writes").isEqualTo(writesBefore + 1);
    assertThat(metric(BucketPolicyMetrics.POLICY_BYTES))
        .as("policy bytes")
        .isGreaterThan(bytesBefore);

    // Every older share reconciles at least once in three resync periods, against a policy that
    // grew: its own grants are unchanged, so its status must be too.
    double convergesBefore = converges();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(versions(names))
                    .as("resourceVersion of each older share")
                    .isEqualTo(before));
    // Their resyncs reach the writer, in batches, mostly without a read of their own. Shares
    // granted together resync together, one batch a round; a round takes longer than RESYNC (the
    // reconcile and the batch wait come first), and two were seen in three periods. One is enough
    // to show they looked at the grown policy.
    assertThat(converges() - convergesBefore)
        .as("the older shares' resyncs converged the policy meanwhile")
        .isGreaterThanOrEqualTo(1);
    assertAllReady(names);
  }

  /** Converges of any bucket policy so far, whatever they did. */
  private static double converges() {
    return operator.metrics.find(BucketPolicyMetrics.CONVERGES).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** The operator's meter for this bucket, as /metrics would show it. */
  private static double metric(String name) {
    var search = operator.metrics.get(name).tag("bucket", BUCKET).tag("account", ACCOUNT_ID);
    return name.equals(BucketPolicyMetrics.WRITES)
        ? search.counter().count()
        : search.gauge().value();
  }

  private static void assertAllReady(List<String> names) {
    assertThat(names)
        .allSatisfy(name -> assertThat(Shares.ready(get(name))).isEqualTo("True/Granted"));
  }

  private static Map<String, String> versions(List<String> names) {
    Map<String, String> versions = new TreeMap<>();
    names.forEach(name -> versions.put(name, get(name).getMetadata().getResourceVersion()));
    return versions;
  }

  private static String policy() {
    return io.s3share.operator.testing.BucketPolicies.statements(owner.admin, BUCKET).toString();
  }

  private static String consumerOf(String name) {
    return "2222222222" + name.substring(name.length() - 2);
  }

  private static BucketShare share(String name) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        BUCKET,
        Access.Read,
        List.of(Consumer.account(consumerOf(name))),
        List.of("reports/"));
  }

  private static void apply(BucketShare share) {
    operator.client.resource(share).serverSideApply();
  }

  private static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
