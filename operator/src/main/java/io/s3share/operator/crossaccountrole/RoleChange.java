package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.IamRolePort;
import java.util.Map;
import java.util.SortedSet;

/** One IAM mutation the planner decided on; applying it is one idempotent AWS call. */
public sealed interface RoleChange {

  /** CamelCase reason of the Event recorded when the change is applied. */
  String reason();

  /** What changed, for logs and Events; never a policy body. */
  String describe();

  void applyTo(IamRolePort iam, String roleName);

  /** The whole role in one call, tags included, so it never exists without our ownership tags. */
  record CreateRole(IamRolePort.NewRole role) implements RoleChange {
    @Override
    public String reason() {
      return "RoleCreated";
    }

    @Override
    public String describe() {
      return "created the role";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.create(role);
    }
  }

  record UpdateTrustPolicy(String policy) implements RoleChange {
    @Override
    public String reason() {
      return "TrustPolicyUpdated";
    }

    @Override
    public String describe() {
      return "updated the trust policy";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.updateTrustPolicy(roleName, policy);
    }
  }

  record PutInlinePolicy(String policyName, String policy) implements RoleChange {
    @Override
    public String reason() {
      return "InlinePolicyUpdated";
    }

    @Override
    public String describe() {
      return "wrote inline policy " + policyName;
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.putInlinePolicy(roleName, policyName, policy);
    }
  }

  record DeleteInlinePolicy(String policyName) implements RoleChange {
    @Override
    public String reason() {
      return "InlinePolicyDeleted";
    }

    @Override
    public String describe() {
      return "deleted inline policy " + policyName + ", which the spec does not declare";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.deleteInlinePolicy(roleName, policyName);
    }
  }

  /** Detaches a managed policy we did not declare; the policy itself is not ours to delete. */
  record DetachManagedPolicy(String policyArn) implements RoleChange {
    @Override
    public String reason() {
      return "ManagedPolicyDetached";
    }

    @Override
    public String describe() {
      return "detached managed policy " + policyArn + ", which the spec does not declare";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.detachPolicy(roleName, policyArn);
    }
  }

  record UpdateMaxSessionDuration(int seconds, String description) implements RoleChange {
    @Override
    public String reason() {
      return "MaxSessionDurationUpdated";
    }

    @Override
    public String describe() {
      return "set the maximum session duration to " + seconds + " s";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.updateMaxSessionDuration(roleName, seconds, description);
    }
  }

  record PutPermissionsBoundary(String policyArn) implements RoleChange {
    @Override
    public String reason() {
      return "PermissionsBoundaryUpdated";
    }

    @Override
    public String describe() {
      return "set the permissions boundary to " + policyArn;
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.putPermissionsBoundary(roleName, policyArn);
    }
  }

  record DeletePermissionsBoundary() implements RoleChange {
    @Override
    public String reason() {
      return "PermissionsBoundaryRemoved";
    }

    @Override
    public String describe() {
      return "removed the permissions boundary";
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.deletePermissionsBoundary(roleName);
    }
  }

  record TagRole(Map<String, String> tags) implements RoleChange {
    public TagRole {
      tags = Map.copyOf(tags);
    }

    @Override
    public String reason() {
      return "TagsUpdated";
    }

    @Override
    public String describe() {
      return "set tags " + new java.util.TreeSet<>(tags.keySet());
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.tag(roleName, tags);
    }
  }

  record UntagRole(SortedSet<String> keys) implements RoleChange {
    @Override
    public String reason() {
      return "TagsRemoved";
    }

    @Override
    public String describe() {
      return "removed tags " + keys;
    }

    @Override
    public void applyTo(IamRolePort iam, String roleName) {
      iam.untag(roleName, keys);
    }
  }
}
