package io.s3share.operator.crossaccountrole;

import io.s3share.operator.policy.InvalidPolicyException;
import io.s3share.operator.policy.PolicyEquivalence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans the suspension of a role that SharingPolicies no longer allow; pure. The role is kept, so
 * that allowing it again restores the same ARN and unique id that consumers and bucket policies
 * name, but it can do nothing and nobody can assume it.
 */
public final class RoleSuspension {

  /** Tag on a suspended role; the normal plan removes it when the role is allowed again. */
  public static final String SUSPENDED_TAG = "s3share.io/suspended";

  /**
   * One explicit Deny of every way to assume a role, for every principal. Safer than trusting only
   * the owner account: such a trust would still let any principal of that account whose identity
   * policy allows sts:AssumeRole in, whereas an explicit Deny wins over every Allow. A trust policy
   * with no Allow is valid in IAM. Sessions already issued keep running until they expire, but with
   * the role's policies removed they are allowed nothing.
   */
  public static final String TRUST_POLICY =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"S3ShareSuspended","Effect":"Deny",\
      "Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:TagSession",\
      "sts:SetSourceIdentity"]}]}""";

  private RoleSuspension() {}

  /** The changes that suspend the role, none when it is already suspended. */
  public static List<RoleChange> plan(ObservedRole observed) {
    List<RoleChange> changes = new ArrayList<>();
    // Permissions first: they are what grants access, and sessions already issued still use them.
    observed.inlinePolicyNames().stream()
        .sorted()
        .forEach(name -> changes.add(new RoleChange.DeleteInlinePolicy(name)));
    observed.attachedPolicyArns().stream()
        .sorted()
        .forEach(arn -> changes.add(new RoleChange.DetachManagedPolicy(arn)));
    if (!isSuspendedTrust(observed.role().trustPolicy())) {
      changes.add(new RoleChange.UpdateTrustPolicy(TRUST_POLICY));
    }
    if (!"true".equals(observed.role().tags().get(SUSPENDED_TAG))) {
      changes.add(new RoleChange.TagRole(Map.of(SUSPENDED_TAG, "true")));
    }
    return List.copyOf(changes);
  }

  private static boolean isSuspendedTrust(String observed) {
    try {
      return observed != null && PolicyEquivalence.equivalentJson(observed, TRUST_POLICY);
    } catch (InvalidPolicyException e) {
      return false;
    }
  }
}
