package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges several shares' grants into one bucket policy without passing its size limit.
 *
 * <p>When everything fits, every share is admitted. Otherwise shares are admitted in the order
 * given (oldest first), and a share whose grants would push the policy over the limit is left out,
 * so one oversized newcomer cannot block updates to the shares that already fit.
 */
public final class BudgetedMerge {

  private BudgetedMerge() {}

  /** One share's grants, identified by a stable id such as {@code namespace/name}. */
  public record ShareGrants(String shareId, List<Grant> grants) {
    public ShareGrants {
      grants = List.copyOf(grants);
    }
  }

  /**
   * @param merge the merged policy for the admitted shares
   * @param rejected ids of the shares left out because they would not fit
   * @param admitted the shares whose grants are in {@code merge}, in order
   */
  public record Plan(MergeResult merge, Set<String> rejected, List<ShareGrants> admitted) {
    public Plan {
      rejected = Set.copyOf(rejected);
      admitted = List.copyOf(admitted);
    }
  }

  public static Plan plan(
      Optional<String> current, List<ShareGrants> sharesInOrder, SidNamespace ns, int limitBytes) {
    return fitting(current, sharesInOrder, ns, limitBytes);
  }

  /**
   * Same as {@link #plan(Optional, List, SidNamespace, int)}, with statements to add as foreign
   * ones (see {@link RetainedStatements}); {@code changed} still compares with {@code current}.
   */
  public static Plan plan(
      Optional<String> current,
      List<ObjectNode> addedForeign,
      List<ShareGrants> sharesInOrder,
      SidNamespace ns,
      int limitBytes) {
    Plan plan =
        fitting(RetainedStatements.appendTo(current, addedForeign), sharesInOrder, ns, limitBytes);
    if (addedForeign.isEmpty()) {
      return plan;
    }
    MergeResult merge = plan.merge();
    boolean changed =
        merge.document().isPresent() != current.isPresent()
            || merge.document().isPresent()
                && !PolicyEquivalence.equivalentJson(current.get(), merge.document().get());
    return new Plan(
        new MergeResult(merge.document(), changed, merge.sizeBytes(), merge.foreign()),
        plan.rejected(),
        plan.admitted());
  }

  private static Plan fitting(
      Optional<String> current, List<ShareGrants> sharesInOrder, SidNamespace ns, int limitBytes) {
    MergeResult all = merge(current, sharesInOrder, ns);
    if (!all.exceeds(limitBytes)) {
      return new Plan(all, Set.of(), sharesInOrder);
    }
    List<ShareGrants> admitted = new ArrayList<>();
    Set<String> rejected = new TreeSet<>();
    MergeResult fitting = merge(current, List.of(), ns);
    for (ShareGrants share : sharesInOrder) {
      admitted.add(share);
      MergeResult candidate = merge(current, admitted, ns);
      if (candidate.exceeds(limitBytes)) {
        admitted.remove(admitted.size() - 1);
        rejected.add(share.shareId());
      } else {
        fitting = candidate;
      }
    }
    return new Plan(fitting, rejected, admitted);
  }

  private static MergeResult merge(
      Optional<String> current, List<ShareGrants> shares, SidNamespace ns) {
    List<Grant> grants = shares.stream().flatMap(share -> share.grants().stream()).toList();
    return PolicyMerge.merge(current, Compaction.compact(ns, grants), ns);
  }
}
