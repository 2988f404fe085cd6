package io.s3share.operator.crossaccountrole;

import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.bucketshare.ShareModel;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.InvalidShareException;
import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.policy.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a CrossAccountRole's desired IAM role from its spec; pure. The CRD schema rejects most bad
 * input at admission; this is the reconciler's own check for what got past it.
 */
public final class CrossAccountRoleModel {

  public static final String MANAGED_BY_TAG = "s3share.io/managed-by";
  public static final String OWNER_TAG = "s3share.io/owner";
  static final int MAX_ROLE_NAME = 64;

  private final String installationId;
  private final Optional<String> defaultBoundary;

  /**
   * @param installationId written into the managed-by tag: two installations never touch each
   *     other's roles
   * @param defaultBoundary the operator-wide permissions boundary, if configured
   */
  public CrossAccountRoleModel(String installationId, Optional<String> defaultBoundary) {
    this.installationId = installationId;
    this.defaultBoundary = defaultBoundary;
  }

  /** The value of the managed-by tag on every role this installation creates. */
  public String managedBy() {
    return "s3-share-operator-" + installationId;
  }

  /** {@code <namespace>/<name>}: the owner tag's value. */
  public static String owner(CrossAccountRole role) {
    return role.getMetadata().getNamespace() + "/" + role.getMetadata().getName();
  }

  /** spec.roleName, or {@code s3share-<namespace>-<name>} shortened to IAM's 64 characters. */
  public static String roleName(CrossAccountRole role) {
    String explicit = role.getSpec().getRoleName();
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    return shortened(
        "s3share-" + role.getMetadata().getNamespace() + "-" + role.getMetadata().getName(),
        MAX_ROLE_NAME,
        owner(role));
  }

  /**
   * {@code base} when it fits; otherwise its start plus "-" and 8 hex digits of a hash of {@code
   * identity}, so that two long names with the same start still differ.
   */
  static String shortened(String base, int max, String identity) {
    if (base.length() <= max) {
      return base;
    }
    String hash = HexFormat.of().formatHex(sha256(identity), 0, 4);
    return base.substring(0, max - hash.length() - 1) + "-" + hash;
  }

  /** The desired role, or a {@link StalledException} that says what to fix in the spec. */
  public DesiredRole desired(CrossAccountRole role, Optional<String> externalId) {
    CrossAccountRoleSpec spec = role.getSpec();
    try {
      requireExternalIdWhereNeeded(spec, externalId);
      return new DesiredRole(
          roleName(role),
          new TrustPolicy(new TreeSet<>(principals(spec)), externalId),
          new RolePermissions(spec.getGrants().stream().map(this::grant).toList()),
          "Managed by s3-share-operator for CrossAccountRole " + owner(role),
          spec.getMaxSessionDuration() == null ? 3600 : spec.getMaxSessionDuration(),
          boundary(spec),
          tags(role));
    } catch (InvalidShareException | NullPointerException e) {
      throw new StalledException(
          "InvalidSpec", "The CrossAccountRole's spec is invalid: " + e.getMessage());
    }
  }

  private Optional<String> boundary(CrossAccountRoleSpec spec) {
    Optional<String> requested = Optional.ofNullable(spec.getPermissionsBoundaryArn());
    if (defaultBoundary.isEmpty()) {
      return requested;
    }
    if (requested.isPresent() && !requested.equals(defaultBoundary)) {
      // Any other boundary could be a weaker one: only the platform team's boundary is allowed.
      throw new StalledException(
          "PermissionsBoundaryNotAllowed",
          "This operator gives every role the permissions boundary "
              + defaultBoundary.get()
              + "; spec.permissionsBoundaryArn may only repeat it. Remove the field or set it to"
              + " that ARN.");
    }
    return defaultBoundary;
  }

  private Map<String, String> tags(CrossAccountRole role) {
    Map<String, String> tags = new TreeMap<>();
    Optional.ofNullable(role.getSpec().getTags()).ifPresent(tags::putAll);
    if (tags.keySet().stream().anyMatch(k -> k.startsWith("s3share.io/"))) {
      throw new InvalidShareException("tags must not use the reserved prefix s3share.io/");
    }
    tags.put(MANAGED_BY_TAG, managedBy());
    tags.put(OWNER_TAG, owner(role));
    return tags;
  }

  private static void requireExternalIdWhereNeeded(
      CrossAccountRoleSpec spec, Optional<String> externalId) {
    if (externalId.isPresent()) {
      return;
    }
    ExternalIdSpec ext = spec.getExternalId();
    boolean optedOut = ext != null && Boolean.FALSE.equals(ext.getRequired());
    boolean onlyOrganizations =
        spec.getTrustedPrincipals().stream().allMatch(p -> p.getOrganizationId() != null);
    if (!optedOut || !onlyOrganizations) {
      throw new InvalidShareException(
          "an ExternalId is required when an accountId or roleArn is trusted: set"
              + " externalId.generate: true or externalId.secretRef");
    }
  }

  private static List<Grantee> principals(CrossAccountRoleSpec spec) {
    return spec.getTrustedPrincipals().stream().map(CrossAccountRoleModel::grantee).toList();
  }

  private static Grantee grantee(TrustedPrincipal principal) {
    if (principal.getAccountId() != null) {
      return Grantee.account(principal.getAccountId());
    }
    if (principal.getRoleArn() != null) {
      return Grantee.role(principal.getRoleArn());
    }
    if (principal.getOrganizationId() != null) {
      return Grantee.organization(principal.getOrganizationId());
    }
    throw new InvalidShareException("a trusted principal sets none of accountId, roleArn, org");
  }

  private RolePermissions.BucketGrant grant(RoleGrant grant) {
    return new RolePermissions.BucketGrant(
        grant.getBucket(),
        ShareModel.level(grant.getAccess()),
        Set.copyOf(Optional.ofNullable(grant.getActions()).orElse(List.of())),
        Optional.ofNullable(grant.getPrefixes()).orElse(List.of()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
