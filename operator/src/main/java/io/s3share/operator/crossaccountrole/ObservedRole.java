package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.IamRolePort;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A role as read from IAM, with the names of its inline policies and the document of ours.
 *
 * @param grantsPolicy the {@link DesiredRole#INLINE_POLICY_NAME} document as IAM returns it
 * @param attachedPolicyArns the managed policies attached to the role
 */
public record ObservedRole(
    IamRolePort.Role role,
    List<String> inlinePolicyNames,
    Optional<String> grantsPolicy,
    List<String> attachedPolicyArns) {

  public ObservedRole {
    Objects.requireNonNull(role, "role");
    inlinePolicyNames = List.copyOf(inlinePolicyNames);
    attachedPolicyArns = List.copyOf(attachedPolicyArns);
    Objects.requireNonNull(grantsPolicy, "grantsPolicy");
  }

  /**
   * The role as it is once every change planned for {@code desired} has been applied: what our own
   * writes leave behind, without reading it back.
   *
   * @param before the role as observed before the changes, whose {@code aws:} tags stay (they
   *     belong to AWS and are never removed)
   */
  public static ObservedRole converged(
      DesiredRole desired, String arn, Map<String, String> before) {
    Map<String, String> tags = new TreeMap<>(desired.tags());
    before.forEach(
        (key, value) -> {
          if (key.startsWith("aws:")) {
            tags.put(key, value);
          }
        });
    return new ObservedRole(
        new IamRolePort.Role(
            desired.name(),
            arn,
            desired.trust().toJson(),
            desired.maxSessionDuration(),
            desired.permissionsBoundaryArn(),
            tags),
        List.of(DesiredRole.INLINE_POLICY_NAME),
        Optional.of(desired.permissions().toJson()),
        List.of());
  }

  /**
   * A role as the account's bulk read reports it, given its longest session, which that read lacks.
   */
  static ObservedRole of(IamRolePort.RoleDetail detail, int maxSessionDuration) {
    return new ObservedRole(
        new IamRolePort.Role(
            detail.name(),
            detail.arn(),
            detail.trustPolicy(),
            maxSessionDuration,
            detail.permissionsBoundaryArn(),
            detail.tags()),
        new TreeSet<>(detail.inlinePolicies().keySet()).stream().toList(),
        Optional.ofNullable(detail.inlinePolicies().get(DesiredRole.INLINE_POLICY_NAME)),
        detail.attachedPolicyArns());
  }
}
