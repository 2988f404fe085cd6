package io.s3share.operator.accesspoint;

import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Conditions;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.Permission;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one bucket-policy statement that lets this installation's access points reach a bucket.
 *
 * <p>The usual delegation allows every action to every access point of the owner account. Ours
 * allows only the actions our access-point shares on the bucket use, and only through access points
 * whose ARN carries this installation's prefix: an access point someone else creates in the account
 * gains nothing from it. Its size does not depend on the number of access points.
 */
public final class Delegation {

  /** The id the delegation's grants go under in a bucket's plan; never a share's namespace/name. */
  public static final String PLAN_ID = "access-points:delegation";

  static final String DATA_ACCESS_POINT_ARN = "s3:DataAccessPointArn";

  private Delegation() {}

  /**
   * The delegation's grant for the access-point shares on a bucket, or empty when there are none.
   *
   * @param ownerAccount the bucket owner, whose access points are delegated to
   * @param accessPointArnPattern {@code arn:<partition>:s3:<region>:<owner>:accesspoint/<prefix>*}
   */
  public static Optional<BudgetedMerge.ShareGrants> forShares(
      String bucket,
      String ownerAccount,
      String accessPointArnPattern,
      Collection<ShareIntent> accessPointShares) {
    if (accessPointShares.isEmpty()) {
      return Optional.empty();
    }
    SortedSet<String> actions = new TreeSet<>();
    accessPointShares.forEach(
        intent -> actions.addAll(Grants.actionsOf(intent.access(), intent.extraActions())));
    Grant grant =
        grant(
            bucket,
            ownerAccount,
            actions,
            Conditions.of(
                Conditions.STRING_LIKE, DATA_ACCESS_POINT_ARN, List.of(accessPointArnPattern)));
    return Optional.of(new BudgetedMerge.ShareGrants(PLAN_ID, List.of(grant)));
  }

  /**
   * The delegation a retained access point keeps after its share is gone: narrowed to its own ARN
   * and its share's actions, so it stays exactly as useful as before, and no more.
   */
  public static List<ManagedStatement> retainedFor(
      String bucket,
      String ownerAccount,
      String accessPointArn,
      ShareIntent intent,
      SidNamespace ns) {
    Grant grant =
        grant(
            bucket,
            ownerAccount,
            Grants.actionsOf(intent.access(), intent.extraActions()),
            Conditions.of(
                Conditions.STRING_EQUALS, DATA_ACCESS_POINT_ARN, List.of(accessPointArn)));
    return Compaction.compact(ns, List.of(grant));
  }

  /** Requests through the owner's access points, for the actions, on the bucket and its objects. */
  private static Grant grant(
      String bucket, String ownerAccount, SortedSet<String> actions, Conditions accessPoints) {
    return new Grant(
        Grantee.accessPointsOf(ownerAccount),
        Permission.of(
            actions,
            List.of(Grants.bucketArn(bucket), Grants.bucketArn(bucket) + "/*"),
            accessPoints));
  }

  /** The ARN pattern of this installation's access points in one account and Region. */
  public static String arnPattern(
      String partition, String region, String ownerAccount, AccessPointNames names) {
    return "arn:"
        + partition
        + ":s3:"
        + region
        + ":"
        + ownerAccount
        + ":accesspoint/"
        + names.prefix()
        + "*";
  }
}
