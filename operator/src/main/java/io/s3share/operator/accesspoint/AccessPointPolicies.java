package io.s3share.operator.accesspoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.policy.BucketPolicyDocument;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.Permission;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The documents of one access point share: its access point policy and the consumers' side. */
public final class AccessPointPolicies {

  /** S3's limit for an access point policy, measured without whitespace. */
  public static final int LIMIT_BYTES = 20 * 1024;

  private AccessPointPolicies() {}

  /** The share's grants on the access point: objects under {@code <arn>/object/}. */
  public static List<Grant> grants(ShareIntent intent, String accessPointArn) {
    return Grants.forShareOn(intent, accessPointArn, accessPointArn + "/object/");
  }

  /**
   * The access point policy: foreign statements kept as they are, ours compacted. The plan rejects
   * the share when the policy would pass the limit.
   */
  public static BudgetedMerge.Plan plan(
      Optional<String> current,
      String shareId,
      ShareIntent intent,
      String accessPointArn,
      SidNamespace ns) {
    return BudgetedMerge.plan(
        current,
        List.of(new BudgetedMerge.ShareGrants(shareId, grants(intent, accessPointArn))),
        ns,
        LIMIT_BYTES);
  }

  /**
   * The identity policy a consumer account attaches to the principals that use the access point:
   * the third allow a cross-account request through an access point needs. Same actions, resources
   * and conditions as the access point grants, without a principal.
   */
  public static String consumerPolicy(ShareIntent intent, String accessPointArn) {
    Set<Permission> permissions = new LinkedHashSet<>();
    grants(intent, accessPointArn).forEach(grant -> permissions.add(grant.permission()));
    List<ObjectNode> statements =
        permissions.stream().map(permission -> permission.toIamStatement(null)).toList();
    return BucketPolicyDocument.create(statements).toJson();
  }
}
