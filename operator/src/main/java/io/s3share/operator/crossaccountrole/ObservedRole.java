package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.IamRolePort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
}
