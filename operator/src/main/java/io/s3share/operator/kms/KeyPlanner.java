package io.s3share.operator.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.bucketshare.PolicyPlanner;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plans a KMS key's policy from every share on every bucket the key encrypts, with the bucket
 * policy's machinery: owned Sids, compaction, a merge that keeps foreign statements, the budget.
 * Pure apart from reading the list it is given.
 */
public final class KeyPlanner {

  private static final Comparator<KeyShare> OLDEST_FIRST =
      Comparator.comparing(KeyShare::created, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(KeyShare::id);

  private final SidNamespace ns;

  public KeyPlanner(SidNamespace ns) {
    this.ns = ns;
  }

  /**
   * One share on a bucket the key encrypts.
   *
   * @param id {@code namespace/name}
   * @param created the creation timestamp; older shares are admitted first when space runs out
   * @param retainedOnDelete being deleted with Retain: its grants stay until handed over
   */
  public record KeyShare(
      String id,
      String uid,
      String created,
      ShareIntent intent,
      KeyGrants.KeyScope scope,
      boolean retainedOnDelete) {

    List<Grant> grants() {
      return KeyGrants.forShare(intent, scope);
    }
  }

  /**
   * @param granted the shares whose consumers belong in the key policy now
   * @param retained a share being deleted with Retain: its statements are handed over as foreign
   *     ones, which no installation touches again
   */
  public PolicyPlanner planner(Supplier<List<KeyShare>> granted, Optional<KeyShare> retained) {
    return (current, excluded) -> {
      List<BudgetedMerge.ShareGrants> admitted =
          granted.get().stream()
              .filter(share -> !excluded.contains(share.id()))
              .filter(share -> !(share.retainedOnDelete() && handedOver(share, current)))
              .sorted(OLDEST_FIRST)
              .map(share -> new BudgetedMerge.ShareGrants(share.id(), share.grants()))
              .filter(share -> !share.grants().isEmpty())
              .toList();
      List<ObjectNode> handedOver = retained.map(this::handOver).orElse(List.of());
      return BudgetedMerge.plan(
          current, handedOver, admitted, ns, KeyGrants.KEY_POLICY_LIMIT_BYTES);
    };
  }

  /** The statements a share's grants compact into on their own; their Sids are stable. */
  public List<ManagedStatement> statementsOf(KeyShare share) {
    return Compaction.compact(ns, share.grants());
  }

  private List<ObjectNode> handOver(KeyShare share) {
    return RetainedStatements.handOver(statementsOf(share), share.uid());
  }

  /** A retained share the cache still holds for a moment after its cleanup handed it over. */
  private boolean handedOver(KeyShare share, Optional<String> current) {
    return RetainedStatements.allPresentIn(current, handOver(share));
  }
}
