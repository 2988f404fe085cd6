package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.IamRolePort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A role as read from IAM, with the names of its inline policies and the document of ours.
 *
 * @param grantsPolicy the {@link DesiredRole#INLINE_POLICY_NAME} document as IAM returns it
 */
public record ObservedRole(
    IamRolePort.Role role, List<String> inlinePolicyNames, Optional<String> grantsPolicy) {

  public ObservedRole {
    Objects.requireNonNull(role, "role");
    inlinePolicyNames = List.copyOf(inlinePolicyNames);
    Objects.requireNonNull(grantsPolicy, "grantsPolicy");
  }
}
