package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.BucketPolicyDocument;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.Shares;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After a retained share's grants were handed over, a converge planned from a cache that still
 * holds the share (its deletion not yet seen) must not put the grants back under our Sids.
 */
class BucketPlannerRetainTest {

  static final SidNamespace NS = new SidNamespace("unit");
  final BucketPlanner planner = new BucketPlanner(NS);
  final BucketShare stays = share("stays", "111111111111");
  final BucketShare kept = Shares.retained(share("kept", "222222222222"));

  @Test
  void aHandedOverShareStillInTheCacheGrantsNothingUnderOurSids() {
    kept.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    String handedOver =
        planner
            .planner(
                () -> List.of(stays, kept),
                Optional.of(kept),
                s -> true,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of())
            .merge()
            .document()
            .orElseThrow();

    // Another share's converge, from a cache that still holds the deleted share.
    String next =
        planner
            .planner(
                () -> List.of(stays, kept),
                Optional.empty(),
                s -> true,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.of(handedOver), Set.of())
            .merge()
            .document()
            .orElseThrow();

    assertThat(ours(next)).contains("111111111111").doesNotContain("222222222222");
    assertThat(next).contains(RetainedStatements.SID_PREFIX).contains("222222222222");
  }

  @Test
  void aRetainedShareBeingDeletedKeepsItsGrantsUntilTheyAreHandedOver() {
    kept.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    String granted =
        planner
            .planner(
                () -> List.of(stays, kept),
                Optional.empty(),
                s -> true,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of())
            .merge()
            .document()
            .orElseThrow();

    assertThat(ours(granted)).contains("222222222222");
  }

  /** The statements under our own Sids, as text. */
  private static String ours(String document) {
    return BucketPolicyDocument.parse(document).statements().stream()
        .filter(s -> NS.owns(s.path("Sid").asText()))
        .toList()
        .toString();
  }

  private static BucketShare share(String name, String consumer) {
    BucketShare share =
        Shares.share(
            "team-a",
            name,
            "owner",
            "team-a-data",
            Access.Read,
            List.of(Consumer.account(consumer)),
            List.of());
    share.getMetadata().setUid("uid-" + name);
    share.getMetadata().setGeneration(1L);
    return share;
  }
}
