package io.s3share.operator.aws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IAM roles of one account. Reads return empty for a missing role or policy, and deletes count
 * a missing one as done, so that a finalizer never sticks on something already gone.
 */
public interface IamRolePort {

  /**
   * A role as IAM reports it.
   *
   * @param trustPolicy the trust policy exactly as IAM returns it (URL-encoded)
   */
  record Role(
      String name,
      String arn,
      String trustPolicy,
      int maxSessionDuration,
      Optional<String> permissionsBoundaryArn,
      Map<String, String> tags) {
    public Role {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
      tags = Map.copyOf(tags);
    }
  }

  /**
   * Everything a role is created with, in one call, so it never exists untagged.
   *
   * @param path the IAM path, e.g. {@code /s3share/}: the operator's own IAM policy is scoped to it
   */
  record NewRole(
      String name,
      String path,
      String trustPolicy,
      String description,
      int maxSessionDuration,
      Optional<String> permissionsBoundaryArn,
      Map<String, String> tags) {
    public NewRole {
      Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
      tags = Map.copyOf(tags);
    }
  }

  /**
   * A role as GetAccountAuthorizationDetails reports it: everything about it except its longest
   * session and description, which only GetRole and ListRoles return.
   *
   * @param trustPolicy the trust policy as IAM returns it (URL-encoded)
   * @param inlinePolicies each inline policy's document as IAM returns it, by policy name
   */
  record RoleDetail(
      String name,
      String arn,
      String path,
      String trustPolicy,
      Optional<String> permissionsBoundaryArn,
      Map<String, String> tags,
      Map<String, String> inlinePolicies,
      List<String> attachedPolicyArns) {
    public RoleDetail {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
      tags = Map.copyOf(tags);
      inlinePolicies = Map.copyOf(inlinePolicies);
      attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }
  }

  /** The id of the account these calls act in. */
  String account();

  /**
   * Every role of the account with its policies and tags, read in pages of many roles each (IAM
   * GetAccountAuthorizationDetails, which cannot be narrowed to a path).
   */
  List<RoleDetail> roleDetails();

  /** The longest session of each role under {@code pathPrefix}, by role name (IAM ListRoles). */
  Map<String, Integer> maxSessionDurations(String pathPrefix);

  Optional<Role> read(String roleName);

  /** Creates the role; returns its ARN. */
  String create(NewRole role);

  void updateTrustPolicy(String roleName, String policy);

  List<String> inlinePolicyNames(String roleName);

  /** The inline policy document as IAM returns it (URL-encoded), or empty. */
  Optional<String> readInlinePolicy(String roleName, String policyName);

  void putInlinePolicy(String roleName, String policyName, String policy);

  void deleteInlinePolicy(String roleName, String policyName);

  /** The ARNs of the managed policies attached to the role; empty for a missing role. */
  List<String> attachedPolicyArns(String roleName);

  /** Detaches a managed policy from the role; the policy itself is left as it is. */
  void detachPolicy(String roleName, String policyArn);

  /** Sets the longest session; the description is passed along because UpdateRole carries it. */
  void updateMaxSessionDuration(String roleName, int seconds, String description);

  void putPermissionsBoundary(String roleName, String policyArn);

  void deletePermissionsBoundary(String roleName);

  void tag(String roleName, Map<String, String> tags);

  void untag(String roleName, Collection<String> keys);

  /**
   * Deletes the role, which IAM refuses (DeleteConflict) while inline or attached policies remain
   * on it.
   */
  void delete(String roleName);
}
