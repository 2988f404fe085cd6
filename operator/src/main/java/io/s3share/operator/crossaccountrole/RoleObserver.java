package io.s3share.operator.crossaccountrole;

import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.kube.StalledException;
import java.util.List;
import java.util.Optional;

/**
 * Finds a role in the account's snapshot or reads it directly, and, only when it is ours, its
 * inline and attached policies. A role that is not ours stops the reconcile before anything is
 * planned for it: the operator never adopts or changes it.
 */
final class RoleObserver {

  private RoleObserver() {}

  /**
   * A role as the account's snapshot holds it, checked to be ours; empty when the snapshot does not
   * hold it, and then only a direct read ({@link #observe}) can tell.
   */
  static Optional<ObservedRole> fromSnapshot(
      RoleSnapshots snapshots,
      IamRolePort iam,
      String roleName,
      String managedBy,
      CrossAccountRole owner) {
    Optional<ObservedRole> known = snapshots.find(iam, roleName);
    known.ifPresent(role -> requireOurs(role.role(), managedBy, owner));
    return known;
  }

  /** Reads the role directly: three or four IAM calls when it exists and is ours. */
  static Optional<ObservedRole> observe(
      IamRolePort iam, String roleName, String managedBy, CrossAccountRole owner) {
    Optional<IamRolePort.Role> role = iam.read(roleName);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    requireOurs(role.get(), managedBy, owner);
    return Optional.of(policiesOf(iam, role.get()));
  }

  /**
   * The policies on a role already known to be ours: three reads, plus the grants document when it
   * exists. Only for a role about to change or missing from the snapshot; the snapshot carries the
   * attached managed policies too, since one attached by hand would widen every consumer's access.
   */
  static ObservedRole policiesOf(IamRolePort iam, IamRolePort.Role role) {
    List<String> names = iam.inlinePolicyNames(role.name());
    Optional<String> grants =
        names.contains(DesiredRole.INLINE_POLICY_NAME)
            ? iam.readInlinePolicy(role.name(), DesiredRole.INLINE_POLICY_NAME)
            : Optional.empty();
    return new ObservedRole(role, names, grants, iam.attachedPolicyArns(role.name()));
  }

  static void requireOurs(IamRolePort.Role role, String managedBy, CrossAccountRole owner) {
    switch (RolePlanner.ownership(role, managedBy, CrossAccountRoleModel.owner(owner))) {
      case OURS -> {}
      case UNMANAGED ->
          throw new StalledException(
              "RoleExistsNotManaged",
              "IAM role "
                  + role.name()
                  + " already exists and was not created by s3-share-operator (it has no "
                  + CrossAccountRoleModel.MANAGED_BY_TAG
                  + " tag). The operator never adopts or changes such a role: set another"
                  + " spec.roleName, or rename or delete the existing role.");
      case ANOTHER_OWNER ->
          throw new StalledException(
              "RoleOwnedByAnother",
              "IAM role "
                  + role.name()
                  + " is managed by "
                  + role.tags().get(CrossAccountRoleModel.MANAGED_BY_TAG)
                  + " for "
                  + role.tags().getOrDefault(CrossAccountRoleModel.OWNER_TAG, "an unknown owner")
                  + ", not by "
                  + managedBy
                  + " for "
                  + CrossAccountRoleModel.owner(owner)
                  + ". Set another spec.roleName.");
    }
  }
}
