package io.s3share.operator.bucketshare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.accesspoint.AccessPointShares;
import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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

  /** The Sid namespace of this installation: which statements are ours. */
  public SidNamespace namespace() {
    return ns;
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
      Predicate<BucketShare> allowed,
      AccessPointScope scope) {
    return (current, excluded) -> {
      List<BucketShare> granted =
          sharesOnBucket.get().stream()
              .filter(share -> leaving.map(l -> !id(l).equals(id(share))).orElse(true))
              .filter(share -> !excluded.contains(id(share)))
              .filter(BucketPlanner::keepsItsGrants)
              .filter(share -> !handedOver(share, current))
              .filter(allowed)
              .sorted(OLDEST_FIRST)
              .toList();
      List<BudgetedMerge.ShareGrants> admitted =
          granted.stream()
              .filter(share -> !scope.usesAccessPoint(share))
              .flatMap(share -> grantsOf(share).stream())
              .toList();
      List<ObjectNode> handedOver = handedOver(leaving, allowed, scope);
      BudgetedMerge.Plan plan =
          BudgetedMerge.plan(
              current, handedOver, admitted, ns, MergeResult.BUCKET_POLICY_LIMIT_BYTES);
      // Access point shares, and Auto shares not chosen yet that the policy has no room for,
      // which will be granted through access points: their delegation goes first.
      List<ShareIntent> throughAccessPoints =
          oneIntentPerActionSet(
              granted.stream()
                  .filter(
                      share ->
                          scope.usesAccessPoint(share)
                              || scope.methodOf(share).isEmpty()
                                  && plan.rejected().contains(id(share)))
                  .toList());
      Optional<BudgetedMerge.ShareGrants> delegation =
          Delegation.forShares(
              scope.bucket(), scope.ownerAccount(), scope.arnPattern(), throughAccessPoints);
      if (delegation.isEmpty()) {
        return plan;
      }
      List<BudgetedMerge.ShareGrants> withDelegation = new ArrayList<>();
      withDelegation.add(delegation.get());
      withDelegation.addAll(admitted);
      return BudgetedMerge.plan(
          current, handedOver, withDelegation, ns, MergeResult.BUCKET_POLICY_LIMIT_BYTES);
    };
  }

  /**
   * Where this installation's access points of a bucket are: the bucket, its owner, and the ARN
   * pattern that names them.
   */
  public record AccessPointScope(
      String bucket, String ownerAccount, String arnPattern, Map<String, ShareVia> chosenNow) {
    public AccessPointScope {
      chosenNow = Map.copyOf(chosenNow);
    }

    /** The share's method: chosen in this converge, or as recorded; empty while Auto is open. */
    Optional<ShareVia> methodOf(BucketShare share) {
      return Optional.ofNullable(chosenNow.get(id(share)))
          .or(() -> AccessPointShares.method(share));
    }

    boolean usesAccessPoint(BucketShare share) {
      return methodOf(share).filter(ShareVia.AccessPoint::equals).isPresent();
    }
  }

  /**
   * A retained share's grants, handed over as foreign statements: its bucket-policy statements, or
   * for an access point share the delegation narrowed to its own access point.
   */
  private List<ObjectNode> handedOver(
      Optional<BucketShare> leaving, Predicate<BucketShare> allowed, AccessPointScope scope) {
    return leaving
        .filter(share -> share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain)
        .filter(allowed)
        .map(
            share ->
                RetainedStatements.handOver(
                    retainedStatementsOf(share, scope), share.getMetadata().getUid()))
        .orElse(List.of());
  }

  private List<ManagedStatement> retainedStatementsOf(BucketShare share, AccessPointScope scope) {
    if (!AccessPointShares.usesAccessPoint(share)) {
      return statementsOf(share);
    }
    return Optional.ofNullable(share.getStatus())
        .map(status -> status.getAccessPoint())
        .map(accessPoint -> accessPoint.getArn())
        .map(
            arn ->
                Delegation.retainedFor(
                    scope.bucket(), scope.ownerAccount(), arn, ShareModel.intentOf(share), ns))
        .orElse(List.of());
  }

  /**
   * The delegation only needs the actions of the access point shares: one valid intent per access
   * level and extra actions is enough, and spares parsing every share's consumers on a bucket with
   * thousands of them.
   */
  private static List<ShareIntent> oneIntentPerActionSet(List<BucketShare> shares) {
    Map<List<Object>, ShareIntent> byActions = new LinkedHashMap<>();
    for (BucketShare share : shares) {
      List<Object> key =
          List.of(
              String.valueOf(share.getSpec().getAccess()),
              new TreeSet<>(Optional.ofNullable(share.getSpec().getActions()).orElse(List.of())));
      if (!byActions.containsKey(key)) {
        intentOf(share).ifPresent(intent -> byActions.put(key, intent));
      }
    }
    return List.copyOf(byActions.values());
  }

  private static Optional<ShareIntent> intentOf(BucketShare share) {
    try {
      return Optional.of(ShareModel.intentOf(share));
    } catch (StalledException invalid) {
      return Optional.empty();
    }
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
        || share.getSpec().getDeletionPolicy() != DeletionPolicy.Retain
        || AccessPointShares.usesAccessPoint(share)) {
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
