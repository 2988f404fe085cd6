package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.policy.InvalidPolicyException;
import io.s3share.operator.policy.PolicyEquivalence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Diffs a desired role against the observed one into the IAM calls that converge them; pure. An
 * unchanged role gives an empty list: policies are compared by meaning, so IAM's URL-encoded,
 * reordered documents never count as drift.
 */
public final class RolePlanner {

  /** Whose role it is, judged by the ownership tags only. */
  public enum Ownership {
    /** Tagged by this installation for this resource. */
    OURS,
    /** No managed-by tag: created by someone else; never adopted. */
    UNMANAGED,
    /** Tagged for another resource, or by another installation. */
    ANOTHER_OWNER
  }

  private RolePlanner() {}

  public static Ownership ownership(IamRolePort.Role role, String managedBy, String owner) {
    String taggedManager = role.tags().get(CrossAccountRoleModel.MANAGED_BY_TAG);
    if (taggedManager == null) {
      return Ownership.UNMANAGED;
    }
    boolean ours =
        taggedManager.equals(managedBy)
            && owner.equals(role.tags().get(CrossAccountRoleModel.OWNER_TAG));
    return ours ? Ownership.OURS : Ownership.ANOTHER_OWNER;
  }

  /** The changes, in a safe order; the caller has checked that an observed role is ours. */
  public static List<RoleChange> plan(DesiredRole desired, Optional<ObservedRole> observed) {
    String grants = desired.permissions().toJson();
    if (observed.isEmpty()) {
      return List.of(
          new RoleChange.CreateRole(
              new IamRolePort.NewRole(
                  desired.name(),
                  DesiredRole.PATH,
                  desired.trust().toJson(),
                  desired.description(),
                  desired.maxSessionDuration(),
                  desired.permissionsBoundaryArn(),
                  desired.tags())),
          new RoleChange.PutInlinePolicy(DesiredRole.INLINE_POLICY_NAME, grants));
    }
    IamRolePort.Role role = observed.get().role();
    List<RoleChange> changes = new ArrayList<>();
    if (!sameMeaning(role.trustPolicy(), desired.trust().toJson())) {
      changes.add(new RoleChange.UpdateTrustPolicy(desired.trust().toJson()));
    }
    if (!observed.get().grantsPolicy().map(p -> sameMeaning(p, grants)).orElse(false)) {
      changes.add(new RoleChange.PutInlinePolicy(DesiredRole.INLINE_POLICY_NAME, grants));
    }
    // The role's permissions are exactly the grants: inline policies added by hand would widen it.
    observed.get().inlinePolicyNames().stream()
        .filter(name -> !name.equals(DesiredRole.INLINE_POLICY_NAME))
        .sorted()
        .forEach(name -> changes.add(new RoleChange.DeleteInlinePolicy(name)));
    // No spec field declares managed policies: any attached one was attached out of band, and
    // AdministratorAccess there would give every consumer who assumes the role that access.
    observed.get().attachedPolicyArns().stream()
        .sorted()
        .forEach(arn -> changes.add(new RoleChange.DetachManagedPolicy(arn)));
    if (!desired.permissionsBoundaryArn().equals(role.permissionsBoundaryArn())) {
      changes.add(
          desired
              .permissionsBoundaryArn()
              .<RoleChange>map(RoleChange.PutPermissionsBoundary::new)
              .orElseGet(RoleChange.DeletePermissionsBoundary::new));
    }
    if (desired.maxSessionDuration() != role.maxSessionDuration()) {
      changes.add(
          new RoleChange.UpdateMaxSessionDuration(
              desired.maxSessionDuration(), desired.description()));
    }
    changes.addAll(tagChanges(desired.tags(), role.tags()));
    return List.copyOf(changes);
  }

  // Untag first: a key whose case changed is removed before it is set again.
  private static List<RoleChange> tagChanges(
      Map<String, String> desired, Map<String, String> observed) {
    SortedSet<String> stale = new TreeSet<>();
    observed.keySet().stream()
        // aws: tags belong to AWS and cannot be removed.
        .filter(key -> !desired.containsKey(key) && !key.startsWith("aws:"))
        .forEach(stale::add);
    Map<String, String> missing = new TreeMap<>();
    desired.forEach(
        (key, value) -> {
          if (!Objects.equals(observed.get(key), value)) {
            missing.put(key, value);
          }
        });
    List<RoleChange> changes = new ArrayList<>();
    if (!stale.isEmpty()) {
      changes.add(new RoleChange.UntagRole(Collections.unmodifiableSortedSet(stale)));
    }
    if (!missing.isEmpty()) {
      changes.add(new RoleChange.TagRole(missing));
    }
    return changes;
  }

  // A document IAM holds that we cannot read is different from ours by definition.
  private static boolean sameMeaning(String observed, String desired) {
    try {
      return observed != null && PolicyEquivalence.equivalentJson(observed, desired);
    } catch (InvalidPolicyException e) {
      return false;
    }
  }
}
