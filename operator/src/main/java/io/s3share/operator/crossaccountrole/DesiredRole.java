package io.s3share.operator.crossaccountrole;

import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.policy.TrustPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything a CrossAccountRole's IAM role should be; built without I/O. */
public record DesiredRole(
    String name,
    TrustPolicy trust,
    RolePermissions permissions,
    String description,
    int maxSessionDuration,
    Optional<String> permissionsBoundaryArn,
    Map<String, String> tags) {

  /** The one inline policy the operator writes; every other inline policy is removed. */
  public static final String INLINE_POLICY_NAME = "s3share-grants";

  /**
   * The IAM path of every role the operator creates, so that its own IAM policy can be scoped to
   * {@code arn:aws:iam::*:role/s3share/*}. Roles created earlier under {@code /} are still found:
   * IAM looks roles up by name, whatever their path.
   */
  public static final String PATH = "/s3share/";

  public DesiredRole {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
    tags = Map.copyOf(tags);
  }

  /** This role with {@code permissions} in place of its own. */
  public DesiredRole withPermissions(RolePermissions permissions) {
    return new DesiredRole(
        name, trust, permissions, description, maxSessionDuration, permissionsBoundaryArn, tags);
  }
}
