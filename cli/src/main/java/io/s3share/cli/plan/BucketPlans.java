package io.s3share.cli.plan;

import io.s3share.cli.ClusterState;
import io.s3share.cli.Session;
import io.s3share.operator.accesspoint.AccessPointNames;
import io.s3share.operator.accesspoint.AccessPointPolicies;
import io.s3share.operator.accesspoint.AccessPointShares;
import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.aws.AccessPointPort;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.Regions;
import io.s3share.operator.aws.S3AccessPoints;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.bucketshare.ShareModel;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bucket policies and access point policies the operator would write, planned with its own
 * {@link BucketPlanner} from the shares the cluster would hold after the manifests are applied,
 * against the documents in AWS now. Reads only.
 */
final class BucketPlans {

  private final Session session;
  private final ClusterState before;
  private final SidNamespace sids;
  private final BucketPlanner planner;
  private final AccessPointNames names;

  BucketPlans(Session session, ClusterState before) {
    this.session = session;
    this.before = before;
    this.sids = new SidNamespace(session.installationId());
    this.planner = new BucketPlanner(sids);
    this.names = new AccessPointNames(session.installationId());
  }

  /**
   * @param after every share the cluster would hold
   * @param touched the shares the manifests add, change or remove: only their buckets are planned
   * @param removed the shares planned as deleted
   * @param allowed the SharingPolicy decision for any share
   */
  List<PlanReport.Change> plan(
      List<BucketShare> after,
      List<BucketShare> touched,
      List<BucketShare> removed,
      Predicate<BucketShare> allowed) {
    Map<BucketKey, AwsAccount> buckets = new LinkedHashMap<>();
    List<PlanReport.Change> changes = new ArrayList<>();
    for (BucketShare share : touched) {
      Optional<AwsAccount> account = accountOf(share);
      account.ifPresent(a -> buckets.putIfAbsent(key(a, share), a));
      if (account.isEmpty() && after.contains(share)) {
        changes.add(
            new PlanReport.Change(
                "bucket " + share.getSpec().getBucket().getName(),
                "blocked",
                "",
                List.of(
                    "AwsAccount "
                        + share.getSpec().getBucket().getAccountRef()
                        + " does not exist: BucketShare "
                        + BucketPlanner.id(share)
                        + " would stall with AccountNotFound")));
      }
    }
    buckets.forEach(
        (key, account) -> {
          List<BucketShare> on = on(key, after);
          Optional<BucketShare> leaving = on(key, removed).stream().findFirst();
          changes.add(bucketPolicy(key, account, on, leaving, allowed));
          // A changed share is touched twice (as it is and as it will be): plan its latest form
          // once.
          Map<String, BucketShare> latest = new LinkedHashMap<>();
          on(key, touched).forEach(share -> latest.put(BucketPlanner.id(share), share));
          for (BucketShare share : latest.values()) {
            accessPoint(key, account, share, after, allowed).ifPresent(changes::add);
          }
        });
    return changes;
  }

  private PlanReport.Change bucketPolicy(
      BucketKey key,
      AwsAccount account,
      List<BucketShare> on,
      Optional<BucketShare> leaving,
      Predicate<BucketShare> allowed) {
    AccountClients clients = session.clientsFor(account);
    Optional<String> current =
        new S3BucketPolicies(clients.s3(), key.accountId()).read(key.bucket());
    BudgetedMerge.Plan plan =
        planner.planner(() -> on, leaving, allowed, scope(key, account)).plan(current, Set.of());
    Optional<String> planned = plan.merge().document();
    String target = "bucket policy " + key.accountId() + "/" + key.bucket();
    List<String> notes = new ArrayList<>();
    plan.rejected()
        .forEach(
            id ->
                notes.add(
                    "BucketShare "
                        + id
                        + " does not fit in the 20 KB policy: it would stall with PolicyTooLarge"
                        + " unless it uses an access point"));
    if (!plan.merge().changed()) {
      return new PlanReport.Change(target, "no change", "", notes);
    }
    String action = current.isEmpty() ? "create" : planned.isEmpty() ? "delete" : "update";
    return new PlanReport.Change(
        target, action, PolicyDiff.diff(key.bucket() + ".json", current, planned), notes);
  }

  private Optional<PlanReport.Change> accessPoint(
      BucketKey key,
      AwsAccount account,
      BucketShare share,
      List<BucketShare> after,
      Predicate<BucketShare> allowed) {
    boolean stays =
        after.stream().anyMatch(s -> BucketPlanner.id(s).equals(BucketPlanner.id(share)));
    boolean viaAccessPoint =
        AccessPointShares.usesAccessPoint(share)
            || AccessPointShares.requested(share)
                == io.s3share.operator.api.v1alpha1.ShareVia.AccessPoint;
    if (!viaAccessPoint) {
      return Optional.empty();
    }
    String name = names.nameFor(share);
    AccessPointPort port =
        new S3AccessPoints(session.clientsFor(account).s3Control(), key.accountId());
    Optional<AccessPointPort.AccessPoint> existing = port.find(name);
    Optional<String> current = existing.flatMap(ap -> port.policy(name));
    String target = "access point " + key.accountId() + "/" + name;
    if (!stays || !allowed.test(share)) {
      return Optional.of(
          new PlanReport.Change(
              target,
              existing.isPresent() ? "delete" : "no change",
              PolicyDiff.diff(name + ".json", current, Optional.empty()),
              List.of()));
    }
    String region = account.getSpec().getRegion();
    String arn =
        existing
            .map(AccessPointPort.AccessPoint::arn)
            .orElse(
                "arn:"
                    + Regions.partition(region).orElse("aws")
                    + ":s3:"
                    + region
                    + ":"
                    + key.accountId()
                    + ":accesspoint/"
                    + name);
    BudgetedMerge.Plan plan =
        AccessPointPolicies.plan(
            current, BucketPlanner.id(share), ShareModel.intentOf(share), arn, sids);
    if (existing.isPresent() && !plan.merge().changed()) {
      return Optional.of(new PlanReport.Change(target, "no change", "", List.of()));
    }
    return Optional.of(
        new PlanReport.Change(
            target,
            existing.isPresent() ? "update" : "create",
            PolicyDiff.diff(name + ".json", current, plan.merge().document()),
            List.of()));
  }

  private BucketPlanner.AccessPointScope scope(BucketKey key, AwsAccount account) {
    String region = account.getSpec().getRegion();
    return new BucketPlanner.AccessPointScope(
        key.bucket(),
        key.accountId(),
        Delegation.arnPattern(
            Regions.partition(region).orElse("aws"), region, key.accountId(), names),
        Map.of());
  }

  private List<BucketShare> on(BucketKey key, List<BucketShare> shares) {
    return shares.stream()
        .filter(s -> s.getSpec().getBucket().getName().equals(key.bucket()))
        .filter(s -> accountOf(s).map(a -> key(a, s).equals(key)).orElse(false))
        .toList();
  }

  private Optional<AwsAccount> accountOf(BucketShare share) {
    return before.account(share.getSpec().getBucket().getAccountRef());
  }

  private static BucketKey key(AwsAccount account, BucketShare share) {
    return new BucketKey(account.getSpec().getAccountId(), share.getSpec().getBucket().getName());
  }
}
