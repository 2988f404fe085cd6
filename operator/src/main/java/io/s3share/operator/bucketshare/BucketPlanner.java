package io.s3share.operator.bucketshare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides which shares' grants belong in a bucket's policy, from the shares in the informer cache;
 * pure apart from reading the collection it is given.
 */
public final class BucketPlanner {

  private static final Comparator<BucketShare> OLDEST_FIRST =
      Comparator.comparing(
              (BucketShare s) -> s.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(BucketPlanner::id);

  private final SidNamespace ns;

  public BucketPlanner(SidNamespace ns) {
    this.ns = ns;
  }

  /** {@code namespace/name}: how plans identify shares. */
  public static String id(BucketShare share) {
    return share.getMetadata().getNamespace() + "/" + share.getMetadata().getName();
  }

  /**
   * Plans the policy for the shares on one bucket.
   *
   * @param sharesOnBucket every cached share on the bucket (the lookup runs under the bucket's
   *     lock, so it sees the newest cache)
   * @param leaving a share being deleted now, whose grants go (and are handed over if retained)
   * @param allowed whether SharingPolicies allow a share; denied shares' grants are left out, so
   *     the one write path for the bucket removes them, and are never handed over
   */
  public PolicyPlanner planner(
      Supplier<Collection<BucketShare>> sharesOnBucket,
      Optional<BucketShare> leaving,
      Predicate<BucketShare> allowed) {
    return (current, excluded) -> {
      List<BudgetedMerge.ShareGrants> admitted =
          sharesOnBucket.get().stream()
              .filter(share -> leaving.map(l -> !id(l).equals(id(share))).orElse(true))
              .filter(share -> !excluded.contains(id(share)))
              .filter(BucketPlanner::keepsItsGrants)
              .filter(share -> !handedOver(share, current))
              .filter(allowed)
              .sorted(OLDEST_FIRST)
              .flatMap(share -> grantsOf(share).stream())
              .toList();
      List<ObjectNode> handedOver =
          leaving
              .filter(share -> share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain)
              .filter(allowed)
              .map(
                  share ->
                      RetainedStatements.handOver(
                          statementsOf(share), share.getMetadata().getUid()))
              .orElse(List.of());
      return BudgetedMerge.plan(
          current, handedOver, admitted, ns, MergeResult.BUCKET_POLICY_LIMIT_BYTES);
    };
  }

  /** The statements this share's grants compact into on its own; their Sids are stable. */
  public List<ManagedStatement> statementsOf(BucketShare share) {
    return Compaction.compact(ns, Grants.forShare(ShareModel.intentOf(share)));
  }

  /**
   * Shares being deleted with Delete lose their grants; retained ones keep them until their cleanup
   * hands them over, so no other share's write can drop them first.
   */
  private static boolean keepsItsGrants(BucketShare share) {
    return share.getMetadata().getDeletionTimestamp() == null
        || share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain;
  }

  /**
   * A retained share whose cleanup already handed its grants over: the cache may still hold it for
   * a moment after its finalizer went, and any converge in that moment must not grant it again.
   */
  private boolean handedOver(BucketShare share, Optional<String> current) {
    if (share.getMetadata().getDeletionTimestamp() == null
        || share.getSpec().getDeletionPolicy() != DeletionPolicy.Retain) {
      return false;
    }
    try {
      return RetainedStatements.allPresentIn(
          current, RetainedStatements.handOver(statementsOf(share), share.getMetadata().getUid()));
    } catch (StalledException invalid) {
      return false;
    }
  }

  private static Optional<BudgetedMerge.ShareGrants> grantsOf(BucketShare share) {
    try {
      return Optional.of(
          new BudgetedMerge.ShareGrants(id(share), Grants.forShare(ShareModel.intentOf(share))));
    } catch (StalledException invalid) {
      // An invalid share grants nothing; its own reconcile reports why.
      return Optional.empty();
    }
  }
}
