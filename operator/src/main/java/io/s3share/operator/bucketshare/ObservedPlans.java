package io.s3share.operator.bucketshare;

import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.DanglingPrincipals;
import io.s3share.operator.policy.InstallationConflict;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.SidNamespace;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a bucket's policy against one view of it (read just now, or last seen by the writer) and
 * tells whether anything needs writing; no I/O of its own.
 */
final class ObservedPlans {

  private final SidNamespace ns;

  ObservedPlans(SidNamespace ns) {
    this.ns = ns;
  }

  /**
   * A plan against one view of the policy.
   *
   * @param settled whether nothing needs writing: the policy already means the plan, or differs
   *     only by roles that no longer exist, which writing again cannot bring back (those are tried
   *     only for their own shares, at their own pace)
   */
  record Planned(
      Optional<String> current,
      Set<String> skipped,
      Contest contest,
      Set<String> dangling,
      boolean settled) {

    BucketPolicyWriter.Result unchanged(BucketMemory memory) {
      BudgetedMerge.Plan plan = contest.plan();
      memory.accepted(plan);
      return new BucketPolicyWriter.Result(
              BucketPolicyWriter.Action.UNCHANGED,
              plan,
              plan.merge().sizeBytes(),
              skipped,
              dangling)
          .withConflicts(contest.returned())
          .withPolicy(current);
    }
  }

  Planned plan(
      Optional<String> current, PolicyPlanner planner, Set<String> subjects, BucketMemory memory) {
    BudgetedMerge.Plan everyone = planner.plan(current, Set.of());
    Set<String> skipped = memory.knownRefused(everyone, subjects);
    // Planning reads every share on the bucket: plan again only when some are left out.
    Contest contest =
        contest(skipped.isEmpty() ? everyone : planner.plan(current, skipped), current, memory);
    BudgetedMerge.Plan plan = contest.plan();
    Set<String> dangling = danglingOnly(plan, current);
    boolean settled =
        !plan.merge().changed() || !dangling.isEmpty() && !memory.names(plan, subjects, dangling);
    return new Planned(current, skipped, contest, dangling, settled);
  }

  /** A plan, and the Sids of ours it keeps because another writer put them back. */
  record Contest(BudgetedMerge.Plan plan, Set<String> returned) {}

  Contest contest(BudgetedMerge.Plan plan, Optional<String> current, BucketMemory memory) {
    Set<String> returned =
        memory.returned(InstallationConflict.unexplained(current, plan.merge().document(), ns));
    if (returned.isEmpty()) {
      return new Contest(plan, Set.of());
    }
    MergeResult kept = InstallationConflict.keeping(plan.merge(), current, returned);
    return new Contest(new BudgetedMerge.Plan(kept, plan.rejected(), plan.admitted()), returned);
  }

  /** The dangling roles when those are the only difference between plan and policy. */
  private Set<String> danglingOnly(BudgetedMerge.Plan plan, Optional<String> current) {
    if (current.isEmpty() || plan.merge().document().isEmpty()) {
      return Set.of();
    }
    return DanglingPrincipals.between(plan.merge().document().get(), current.get(), ns)
        .orElse(Set.of());
  }
}
