package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shares that resync within the observation period plan on the policy the writer last saw. */
class BucketPolicyObservationTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final BucketKey KEY = new BucketKey("111111111111", "data");
  static final Duration PERIOD = Duration.ofMinutes(9);

  final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T00:00:00Z"));
  final BucketPlanner planner = new BucketPlanner(NS);
  final BucketPolicyWriter writer =
      new BucketPolicyWriter(
          NS,
          RaceMetrics.unexported(),
          BucketPolicyMetrics.unexported(MergeResult.BUCKET_POLICY_LIMIT_BYTES),
          PERIOD,
          clock);
  final FakeBucketPolicyPort port = new FakeBucketPolicyPort();
  final List<BucketShare> shares = new ArrayList<>();

  @Test
  void sharesFoundConvergedWithinThePeriodCostNoRead() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("333333333333")));
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    int reads = port.reads;

    clock.advance(Duration.ofMinutes(5));
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);
    assertThat(converge("bb").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);

    assertThat(port.reads).isEqualTo(reads);
    assertThat(port.writes).hasSize(1);
  }

  @Test
  void driftIsFoundByTheFirstConvergeAfterThePeriod() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    converge("a");
    port.policy = Optional.of(policyWith(foreign()));

    clock.advance(Duration.ofMinutes(5));
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);
    clock.advance(Duration.ofMinutes(5));
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);

    assertThat(port.policy.orElseThrow()).contains("222222222222").contains("Theirs");
  }

  @Test
  void aChangedShareIsWrittenAtOnceOnAFreshReadAndNotCountedAsARace() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    converge("a");
    // Someone else wrote since our observation; the change of share a must still land with it.
    port.policy = Optional.of(withStatement(port.policy.orElseThrow(), foreign()));
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("333333333333")));

    assertThat(converge("bb").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);

    assertThat(port.policy.orElseThrow())
        .contains("222222222222")
        .contains("333333333333")
        .contains("Theirs");
    assertThat(port.writes).hasSize(2);
  }

  @Test
  void aRemovedShareIsRemovedWithoutWaitingForThePeriod() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("333333333333")));
    converge("a");
    shares.remove(1);

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(port.policy.orElseThrow()).doesNotContain("333333333333");
  }

  @Test
  void aFailedReadForgetsWhatWasSeen() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    converge("a");
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("333333333333")));
    port.readFailure = AwsCallException.terminal("RequestTimeout", "no answer", null);
    assertThatThrownBy(() -> converge("bb")).isInstanceOf(AwsCallException.class);
    port.readFailure = null;
    // Meanwhile the bucket's owner deleted the policy, and share bb was deleted.
    port.policy = Optional.empty();
    shares.remove(1);

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(port.policy.orElseThrow()).contains("222222222222");
  }

  @Test
  void theWriterWithoutAPeriodReadsEveryTime() {
    BucketPolicyWriter always = new BucketPolicyWriter(NS);
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222222")));
    always.convergeOnObservation(KEY, KEY.accountId(), port, planned(), Set.of("team-a/a"));
    int reads = port.reads;

    always.convergeOnObservation(KEY, KEY.accountId(), port, planned(), Set.of("team-a/a"));

    assertThat(port.reads).isEqualTo(reads + 1);
  }

  private BucketPolicyWriter.Result converge(String subject) {
    return writer.convergeOnObservation(
        KEY, KEY.accountId(), port, planned(), Set.of("team-a/" + subject));
  }

  private PolicyPlanner planned() {
    return planner.planner(
        () -> List.copyOf(shares), Optional.empty(), s -> true, PlannerScopes.NO_ACCESS_POINTS);
  }

  private static String foreign() {
    return BucketPolicies.foreignStatement("Theirs", "data", "555555555555").toString();
  }

  private static String policyWith(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
  }

  private static String withStatement(String policy, String statement) {
    return policy.substring(0, policy.lastIndexOf(']')) + "," + statement + "]}";
  }
}
