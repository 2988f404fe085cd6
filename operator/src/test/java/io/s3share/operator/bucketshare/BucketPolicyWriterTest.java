package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.Shares;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bucket's one write path against a hand-written port: read, re-read, write, read back. */
class BucketPolicyWriterTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final BucketKey KEY = new BucketKey("111111111111", "data");
  static final String FOREIGN =
      BucketPolicies.foreignStatement("Theirs", "data", "555555555555").toString();

  final BucketPlanner planner = new BucketPlanner(NS);
  final BucketPolicyWriter writer = new BucketPolicyWriter(NS);
  final FakeBucketPolicyPort port = new FakeBucketPolicyPort();
  final List<BucketShare> shares = new ArrayList<>();

  @Test
  void writesOnceAndThenFindsNothingToDo() {
    shares.add(share("a", Consumer.account("222222222222")));

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);

    assertThat(port.writes).hasSize(1);
    assertThat(port.policy.orElseThrow()).contains("222222222222");
  }

  @Test
  void reReadsRightBeforeWritingAndKeepsWhatAForeignWriterAddedMeanwhile() {
    shares.add(share("a", Consumer.account("222222222222")));
    port.changeBeforeRead = 2;
    port.change = () -> port.policy = Optional.of(policyWith(FOREIGN));

    BucketPolicyWriter.Result result = converge("a");

    assertThat(result.action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(port.reads).isEqualTo(3);
    assertThat(port.policy.orElseThrow()).contains("Theirs").contains("222222222222");
  }

  @Test
  void theReReadCanFindTheWorkAlreadyDone() {
    shares.add(share("a", Consumer.account("222222222222")));
    String converged =
        planner
            .planner(() -> shares, Optional.empty(), s -> true, PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), java.util.Set.of())
            .merge()
            .document()
            .orElseThrow();
    port.changeBeforeRead = 2;
    port.change = () -> port.policy = Optional.of(converged);

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);
    assertThat(port.writes).isEmpty();
  }

  @Test
  void aWriterRacingRightAfterOursIsReportedAsRaced() {
    shares.add(share("a", Consumer.account("222222222222")));
    port.afterWrite = () -> port.policy = Optional.of(policyWith(FOREIGN));

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.RACED);
  }

  @Test
  void deletesThePolicyWhenNothingIsLeftInIt() {
    shares.add(share("a", Consumer.account("222222222222")));
    converge("a");
    shares.clear();

    assertThat(converge("a").action()).isEqualTo(BucketPolicyWriter.Action.DELETED);
    assertThat(port.deletes).isEqualTo(1);
    assertThat(port.policy).isEmpty();
  }

  @Test
  void aRefusedPrincipalLeavesOnlyItsShareOut() {
    shares.add(share("early", Consumer.account("222222222201")));
    converge("early");
    shares.add(share("bad", Consumer.account("999999999999")));
    shares.add(share("late", Consumer.account("222222222202")));
    port.refuses = policy -> policy.contains("999999999999");

    BucketPolicyWriter.Result result = converge("late");

    assertThat(result.refused()).containsExactly("team-a/bad");
    assertThat(result.action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(port.policy.orElseThrow())
        .contains("222222222201")
        .contains("222222222202")
        .doesNotContain("999999999999");

    // Other shares' converges leave the known bad one out without asking S3 again.
    int writes = port.writes.size();
    assertThat(converge("early").action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);
    assertThat(port.writes).hasSize(writes);
    // Its own converge tries it again.
    assertThat(converge("bad").refused()).contains("team-a/bad");
    assertThat(port.writes.size()).isGreaterThan(writes);
  }

  @Test
  void aPrincipalAcceptedBeforeThatGoesBadIsFoundAmongAllShares() {
    shares.add(share("a", Consumer.account("222222222201")));
    shares.add(share("b", Consumer.role("arn:aws:iam::222222222202:role/gone")));
    converge("a");
    // The role is deleted; writing its ARN again is refused.
    port.refuses = policy -> policy.contains("role/gone");
    port.policy = Optional.of(port.policy.orElseThrow().replace("201", "299"));

    BucketPolicyWriter.Result result = converge("a");

    assertThat(result.refused()).containsExactly("team-a/b");
    assertThat(port.policy.orElseThrow()).contains("222222222201").doesNotContain("role/gone");
  }

  @Test
  void aRefusalNoShareExplainsIsReported() {
    // A foreign statement's principal: leaving every share out does not help.
    port.policy = Optional.of(policyWith(FOREIGN));
    shares.add(share("a", Consumer.account("222222222222")));
    port.refuses = policy -> policy.contains("555555555555");

    assertThatThrownBy(() -> converge("a"))
        .isInstanceOf(AwsCallException.class)
        .hasMessageContaining("Invalid principal");
  }

  @Test
  void aDeletedRoleIsDanglingNotARaceAndIsRetriedOnlyForItsShare() {
    String role = "arn:aws:iam::222222222222:role/reader";
    shares.add(share("by-role", Consumer.role(role)));
    shares.add(share("other", Consumer.account("333333333333")));
    converge("other");
    port.shows = policy -> policy.replace(role, "AROAEXAMPLEEXAMPLE01");
    int writes = port.writes.size();

    BucketPolicyWriter.Result forOther = converge("other");
    assertThat(forOther.action()).isEqualTo(BucketPolicyWriter.Action.UNCHANGED);
    assertThat(forOther.dangling()).containsExactly(role);
    assertThat(port.writes).hasSize(writes);

    BucketPolicyWriter.Result forItself = converge("by-role");
    assertThat(forItself.action()).isEqualTo(BucketPolicyWriter.Action.WRITTEN);
    assertThat(forItself.dangling()).containsExactly(role);
    assertThat(port.writes).hasSize(writes + 1);
  }

  @Test
  void ourStatementsThatComeBackAfterWeRemovedThemAreKeptAndReportedNotFought() {
    shares.add(share("a", Consumer.account("222222222222")));
    converge("a");
    String sid = NS.sidFor("another cluster's grant");
    String theirs = BucketPolicies.foreignStatement(sid, "data", "666666666666").toString();

    port.policy = Optional.of(withStatement(port.policy.orElseThrow(), theirs));
    assertThat(converge("a").conflicts()).isEmpty();
    assertThat(port.policy.orElseThrow()).doesNotContain("666666666666");

    port.policy = Optional.of(withStatement(port.policy.orElseThrow(), theirs));
    int writes = port.writes.size();
    BucketPolicyWriter.Result result = converge("a");

    assertThat(result.conflicts()).containsExactly(sid);
    assertThat(port.policy.orElseThrow()).contains("666666666666").contains("222222222222");
    assertThat(port.writes).hasSize(writes);
  }

  @Test
  void aSidWeWriteAgainIsNoLongerSuspect() {
    shares.add(share("a", Consumer.account("222222222222")));
    converge("a");
    shares.clear();
    converge("a");
    shares.add(share("b", Consumer.account("222222222222")));
    converge("b");
    shares.clear();

    assertThat(converge("b").conflicts()).isEmpty();
    assertThat(port.policy).isEmpty();
  }

  private static String withStatement(String policy, String statement) {
    return policy.substring(0, policy.lastIndexOf(']')) + "," + statement + "]}";
  }

  private BucketPolicyWriter.Result converge(String subject) {
    return writer.converge(
        KEY,
        KEY.accountId(),
        port,
        planner.planner(
            () -> List.copyOf(shares), Optional.empty(), s -> true, PlannerScopes.NO_ACCESS_POINTS),
        "team-a/" + subject);
  }

  private static String policyWith(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
  }

  static BucketShare share(String name, Consumer consumer) {
    BucketShare share =
        Shares.share("team-a", name, "owner", "data", Access.Read, List.of(consumer), List.of());
    share.getMetadata().setUid("uid-" + name);
    share.getMetadata().setGeneration(1L);
    share.getMetadata().setCreationTimestamp("2026-01-01T00:00:0" + name.length() + "Z");
    return share;
  }
}
