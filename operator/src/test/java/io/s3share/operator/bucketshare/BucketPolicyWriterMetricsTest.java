package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the bucket's one write path reports about the bucket: size, writes, coalescing, reads. */
class BucketPolicyWriterMetricsTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final BucketKey KEY = new BucketKey("111111111111", "data");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final BucketPolicyWriter writer =
      new BucketPolicyWriter(
          NS, RaceMetrics.unexported(), new BucketPolicyMetrics(registry, 20480));
  final BucketPlanner planner = new BucketPlanner(NS);
  final FakeBucketPolicyPort port = new FakeBucketPolicyPort();
  final List<BucketShare> shares = new ArrayList<>();

  @Test
  void oneWriteForThreeSharesIsOneWriteThatCarriedThree() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222221")));
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("222222222222")));
    shares.add(BucketPolicyWriterTest.share("ccc", Consumer.account("222222222223")));

    BucketPolicyWriter.Result result = converge("a");

    assertThat(port.writes).hasSize(1);
    assertThat(writes()).isEqualTo(1);
    var coalesced = registry.get(BucketPolicyMetrics.COALESCED).summary();
    assertThat(coalesced.count()).isEqualTo(1);
    assertThat(coalesced.totalAmount()).isEqualTo(3);
    assertThat(bytes()).isEqualTo(result.sizeBytes()).isPositive();
    assertThat(reads("written")).as("read, re-read, read back").isEqualTo(3);
  }

  @Test
  void aConvergeWithNothingToWriteCountsItsReadAsUnchangedAndKeepsTheSize() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222221")));
    converge("a");
    double size = bytes();

    converge("a");
    converge("a");

    assertThat(writes()).isEqualTo(1);
    assertThat(reads("unchanged")).isEqualTo(2);
    assertThat(bytes()).isEqualTo(size);
  }

  @Test
  void aGrowingPolicyIsReportedByTheWriterAndADeletedOneNotAtAll() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222221")));
    converge("a");
    double one = bytes();
    shares.add(BucketPolicyWriterTest.share("bb", Consumer.account("222222222222")));
    converge("bb");
    assertThat(bytes()).isGreaterThan(one);

    shares.clear();
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.DELETED);
    assertThat(writes()).as("the delete is a write too").isEqualTo(3);
    assertThat(registry.find(BucketPolicyMetrics.POLICY_BYTES).gauges()).isEmpty();
  }

  @Test
  void aFailedConvergeCountsItsReadsAsFailed() {
    shares.add(BucketPolicyWriterTest.share("a", Consumer.account("222222222221")));
    BucketPolicyPort denied =
        new BucketPolicyPort() {
          @Override
          public Optional<String> read(String bucket) {
            throw AwsCallException.terminal("AccessDenied", "Access Denied", null);
          }

          @Override
          public void write(String bucket, String policy) {}

          @Override
          public void delete(String bucket) {}

          @Override
          public boolean accountOwns(String bucket) {
            return true;
          }
        };

    assertThatThrownBy(() -> writer.converge(KEY, KEY.accountId(), denied, plan(), "team-a/a"))
        .isInstanceOf(AwsCallException.class);

    assertThat(reads("failed")).isEqualTo(1);
    assertThat(writes()).isZero();
    assertThat(registry.find(BucketPolicyMetrics.POLICY_BYTES).gauges()).isEmpty();
  }

  private double bytes() {
    return registry.get(BucketPolicyMetrics.POLICY_BYTES).tag("bucket", "data").gauge().value();
  }

  private double writes() {
    return Optional.ofNullable(
            registry.find(BucketPolicyMetrics.WRITES).tag("bucket", "data").counter())
        .map(c -> c.count())
        .orElse(0.0);
  }

  private double reads(String outcome) {
    return registry.get(BucketPolicyMetrics.READS).tag("outcome", outcome).counter().count();
  }

  private BucketPolicyWriter.Result converge(String subject) {
    return writer.converge(KEY, KEY.accountId(), port, plan(), "team-a/" + subject);
  }

  private PolicyPlanner plan() {
    return planner.planner(
        () -> List.copyOf(shares), Optional.empty(), s -> true, PlannerScopes.NO_ACCESS_POINTS);
  }
}
