package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.Shares;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bucket's one write path drops the grants of shares that SharingPolicies deny. */
class BucketPlannerGuardrailTest {

  final BucketPlanner planner = new BucketPlanner(new SidNamespace("unit"));
  final BucketShare allowed = share("allowed", "111111111111");
  final BucketShare denied = share("denied", "999999999999");

  @Test
  void deniedSharesGrantNothingAndAllowedOnesKeepTheirs() {
    BudgetedMerge.Plan plan =
        planner
            .planner(
                () -> List.of(allowed, denied),
                Optional.empty(),
                s -> s != denied,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of());

    String document = plan.merge().document().orElseThrow();
    assertThat(document).contains("111111111111").doesNotContain("999999999999");
  }

  @Test
  void aDeniedShareBeingDeletedWithRetainHandsNothingOver() {
    Shares.retained(denied);
    BudgetedMerge.Plan plan =
        planner
            .planner(
                () -> List.of(denied),
                Optional.of(denied),
                s -> s != denied,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of());
    // The same deletion, had a SharingPolicy allowed the share: its grants are handed over.
    BudgetedMerge.Plan ifAllowed =
        planner
            .planner(
                () -> List.of(denied),
                Optional.of(denied),
                s -> true,
                PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of());

    assertThat(ifAllowed.merge().document())
        .hasValueSatisfying(
            document ->
                assertThat(document)
                    .contains(RetainedStatements.SID_PREFIX)
                    .contains("999999999999"));
    assertThat(plan.merge().document()).isEmpty();
  }

  @Test
  void whenEveryShareIsDeniedTheOperatorsStatementsLeaveThePolicy() {
    String granted =
        planner
            .planner(
                () -> List.of(denied), Optional.empty(), s -> true, PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.empty(), Set.of())
            .merge()
            .document()
            .orElseThrow();

    BudgetedMerge.Plan plan =
        planner
            .planner(
                () -> List.of(denied), Optional.empty(), s -> false, PlannerScopes.NO_ACCESS_POINTS)
            .plan(Optional.of(granted), Set.of());

    assertThat(plan.merge().changed()).isTrue();
    assertThat(plan.merge().document()).isEmpty();
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
            List.of("reports/"));
    share.getMetadata().setUid("uid-" + name);
    share.getMetadata().setGeneration(1L);
    return share;
  }
}
