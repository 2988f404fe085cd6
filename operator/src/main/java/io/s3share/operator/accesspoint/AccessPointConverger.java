package io.s3share.operator.accesspoint;

import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.AccessPointStatus;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.NetworkOrigin;
import io.s3share.operator.aws.AccessPointPort;
import io.s3share.operator.aws.AccessPointPort.AccessPoint;
import io.s3share.operator.aws.AwsCall;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.policy.BucketPolicyDocument;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyChange;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Converges one share's access point and its policy. One access point belongs to one share, and
 * JOSDK never reconciles a share twice at once, so no lock is needed here; the bucket policy's
 * delegation goes through the bucket's single writer instead.
 */
public final class AccessPointConverger {

  private final SidNamespace ns;
  private final AccessPointNames names;
  private final AccessPointOwnership ownership;
  private final RaceMetrics races;

  public AccessPointConverger(
      SidNamespace ns, AccessPointNames names, AccessPointOwnership ownership) {
    this(ns, names, ownership, RaceMetrics.unexported());
  }

  public AccessPointConverger(
      SidNamespace ns, AccessPointNames names, AccessPointOwnership ownership, RaceMetrics races) {
    this.ns = ns;
    this.names = names;
    this.ownership = ownership;
    this.races = races;
  }

  /** What a converge found and did. */
  public enum Action {
    UNCHANGED,
    WRITTEN,
    /** The policy read back differs from what was written: someone else wrote; converge again. */
    RACED
  }

  /**
   * @param accessPoint the access point as AWS describes it
   * @param statementIds our Sids in its policy
   * @param policyBytes the size of its policy after the converge
   * @param policy its policy as last read from AWS, which its effective access is judged on
   */
  public record Converged(
      AccessPoint accessPoint,
      Action action,
      List<String> statementIds,
      int policyBytes,
      NetworkOrigin networkOrigin,
      Optional<String> policy) {

    public AccessPointStatus status() {
      return new AccessPointStatus(
          accessPoint.name(),
          accessPoint.arn(),
          accessPoint.alias(),
          networkOrigin,
          accessPoint.vpcId().orElse(null));
    }
  }

  /** Whether the share's access point exists and is its own: an Auto share already chose it. */
  public boolean owns(AccessPointPort port, BucketShare share, String shareId) {
    return port.find(names.nameFor(share))
        .filter(accessPoint -> ownership.ownedBy(port, accessPoint, shareId))
        .isPresent();
  }

  /** The name the share's access point has, or will have once replaced. */
  public String nameFor(BucketShare share) {
    return names.nameFor(share);
  }

  /**
   * Creates the share's access point when missing and writes its policy.
   *
   * @param replacing told before an access point is replaced, so status can say so
   */
  public Converged converge(
      AccessPointPort port,
      BucketShare share,
      String shareId,
      ShareIntent intent,
      Consumer<String> replacing) {
    String name = names.nameFor(share);
    String bucket = share.getSpec().getBucket().getName();
    Optional<String> vpcId = desiredVpc(share);
    Optional<AccessPoint> found = port.find(name);
    if (found.isPresent()) {
      ownership.requireOwnedBy(port, found.get(), shareId);
      if (!found.get().bucket().equals(bucket) || !found.get().vpcId().equals(vpcId)) {
        // Bucket and network origin cannot change in AWS, and the name stays: delete, create.
        replacing.accept(
            "Access point "
                + name
                + " has another network origin; replacing it. Its consumers lose access until"
                + " the new one is ready.");
        removeAccessPoint(port, found.get().name(), shareId);
        found = Optional.empty();
      }
    }
    AccessPoint accessPoint = found.orElseGet(() -> create(port, name, bucket, vpcId, shareId));
    return writePolicy(port, accessPoint, shareId, intent, true, networkOrigin(share));
  }

  private AccessPoint create(
      AccessPointPort port, String name, String bucket, Optional<String> vpcId, String shareId) {
    try {
      AccessPoint created = port.create(name, bucket, vpcId, ownership.tagsFor(shareId));
      AwsChangeLog.changed(
          port.account(),
          "access point " + name,
          "created on bucket "
              + bucket
              + " ("
              + vpcId.map(id -> "VPC " + id).orElse("Internet")
              + ")",
          List.of(shareId));
      return created;
    } catch (AwsCallException e) {
      if (AwsCall.ACCESS_POINT_LIMIT_REACHED.equals(e.reason())) {
        // Not an AWS-side fault to retry soon: only a person can make room.
        throw new StalledException(e.reason(), e.getMessage());
      }
      throw e;
    }
  }

  private Converged writePolicy(
      AccessPointPort port,
      AccessPoint accessPoint,
      String shareId,
      ShareIntent intent,
      boolean granted,
      NetworkOrigin origin) {
    Optional<String> current = port.policy(accessPoint.name());
    BudgetedMerge.Plan plan =
        granted
            ? AccessPointPolicies.plan(current, shareId, intent, accessPoint.arn(), ns)
            : BudgetedMerge.plan(current, List.of(), ns, AccessPointPolicies.LIMIT_BYTES);
    if (!plan.rejected().isEmpty()) {
      throw new StalledException(
          "PolicyTooLarge",
          "The policy of access point "
              + accessPoint.name()
              + " would pass S3's limit of "
              + AccessPointPolicies.LIMIT_BYTES
              + " bytes. Share fewer prefixes, or split the consumers across shares.");
    }
    MergeResult merge = plan.merge();
    List<String> sids = ownSids(merge);
    if (!merge.changed()) {
      return new Converged(accessPoint, Action.UNCHANGED, sids, merge.sizeBytes(), origin, current);
    }
    if (merge.document().isPresent()) {
      port.putPolicy(accessPoint.name(), merge.document().get());
    } else {
      port.deletePolicy(accessPoint.name());
    }
    AwsChangeLog.changed(
        port.account(),
        "access point " + accessPoint.name(),
        (merge.document().isPresent()
                ? "wrote policy (" + merge.sizeBytes() + " bytes): "
                : "deleted policy, nothing left in it: ")
            + PolicyChange.between(current, merge.document(), ns).describe(),
        List.of(shareId));
    Optional<String> after = port.policy(accessPoint.name());
    boolean same =
        after.isPresent() && merge.document().isPresent()
            ? PolicyEquivalence.equivalentJson(after.get(), merge.document().get())
            : after.isEmpty() && merge.document().isEmpty();
    if (!same) {
      races.accessPointPolicy();
    }
    return new Converged(
        accessPoint, same ? Action.WRITTEN : Action.RACED, sids, merge.sizeBytes(), origin, after);
  }

  /**
   * Takes a denied share's grants out of its access point's policy, if it has one; a denied share
   * never gets an access point created.
   *
   * @return the converge, or empty when the share has no access point of its own
   */
  public Optional<Converged> revoke(
      AccessPointPort port, BucketShare share, String shareId, ShareIntent intent) {
    Optional<AccessPoint> found =
        port.find(names.nameFor(share))
            .filter(accessPoint -> ownership.ownedBy(port, accessPoint, shareId));
    return found.map(
        accessPoint ->
            writePolicy(port, accessPoint, shareId, intent, false, networkOrigin(share)));
  }

  /**
   * Deletes the share's other access points: after a name change, the old one, once the new one
   * carries the grants. Only ours, and only this share's.
   *
   * @return the names removed
   */
  public List<String> removeReplaced(
      AccessPointPort port, BucketShare share, String shareId, String keep) {
    if (recordedName(share).filter(name -> !name.equals(keep)).isEmpty()) {
      return List.of();
    }
    // Listing also finds one left behind by an earlier replacement that was interrupted.
    List<String> removed =
        port.listOn(share.getSpec().getBucket().getName(), names.prefix()).stream()
            .filter(accessPoint -> !accessPoint.name().equals(keep))
            .filter(accessPoint -> ownership.ownedBy(port, accessPoint, shareId))
            .map(AccessPoint::name)
            .toList();
    removed.forEach(name -> removeAccessPoint(port, name, shareId));
    return removed;
  }

  /** Removes the share's access point and its policy; a missing one counts as removed. */
  public void remove(AccessPointPort port, BucketShare share, String shareId) {
    for (String name : candidateNames(share)) {
      Optional<AccessPoint> found = port.find(name);
      if (found.isPresent() && ownership.ownedBy(port, found.get(), shareId)) {
        removeAccessPoint(port, name, shareId);
      }
    }
  }

  /**
   * Hands a retained share's access point over: it and its grants stay, but our tags go and our
   * Sids become retained ones, so that nothing of ours touches it again.
   */
  public void handOver(
      AccessPointPort port, BucketShare share, String shareId, ShareIntent intent) {
    for (String name : candidateNames(share)) {
      Optional<AccessPoint> found = port.find(name);
      if (found.isEmpty() || !ownership.ownedBy(port, found.get(), shareId)) {
        continue;
      }
      Optional<String> current = port.policy(name);
      BudgetedMerge.Plan withoutOurs =
          BudgetedMerge.plan(
              current,
              RetainedStatements.handOver(
                  Compaction.compact(ns, AccessPointPolicies.grants(intent, found.get().arn())),
                  share.getMetadata().getUid()),
              List.of(),
              ns,
              AccessPointPolicies.LIMIT_BYTES);
      if (withoutOurs.merge().changed() && withoutOurs.merge().document().isPresent()) {
        port.putPolicy(name, withoutOurs.merge().document().get());
      }
      port.untag(
          found.get().arn(),
          List.of(AccessPointOwnership.MANAGED_BY_TAG, AccessPointOwnership.OWNER_TAG));
      AwsChangeLog.changed(
          port.account(),
          "access point " + name,
          "handed over with its policy, ownership tags removed, as the share is retained",
          List.of(shareId));
    }
  }

  private List<String> candidateNames(BucketShare share) {
    String desired = names.nameFor(share);
    return recordedName(share)
        .filter(name -> !name.equals(desired))
        .map(name -> List.of(desired, name))
        .orElse(List.of(desired));
  }

  /** The name status last recorded for the share's access point. */
  public static Optional<String> recordedName(BucketShare share) {
    return Optional.ofNullable(share.getStatus())
        .map(status -> status.getAccessPoint())
        .map(AccessPointStatus::getName);
  }

  private static void removeAccessPoint(AccessPointPort port, String name, String shareId) {
    port.deletePolicy(name);
    port.delete(name);
    AwsChangeLog.changed(
        port.account(), "access point " + name, "deleted with its policy", List.of(shareId));
  }

  private List<String> ownSids(MergeResult merge) {
    return merge.document().stream()
        .flatMap(json -> BucketPolicyDocument.parse(json).statements().stream())
        .flatMap(statement -> BucketPolicyDocument.sidOf(statement).stream())
        .filter(ns::owns)
        .sorted()
        .toList();
  }

  private static Optional<String> desiredVpc(BucketShare share) {
    AccessPointSpec spec = share.getSpec().getAccessPoint();
    return spec == null || spec.getNetworkOrigin() != NetworkOrigin.VPC
        ? Optional.empty()
        : Optional.ofNullable(spec.getVpcId());
  }

  private static NetworkOrigin networkOrigin(BucketShare share) {
    return desiredVpc(share).isPresent() ? NetworkOrigin.VPC : NetworkOrigin.Internet;
  }
}
