package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identity policy of a cross-account role, built from the same permissions as bucket-policy
 * grants ({@link Grants#permissions}), plus the kms: statements for buckets encrypted with a KMS
 * key ({@link RoleKeyPermissions}); pure.
 *
 * @param keyPermissions the kms: statements, after the s3: ones
 */
public record RolePermissions(List<BucketGrant> grants, List<Permission> keyPermissions) {

  /** IAM's limit for all inline policies of one role together. */
  public static final int LIMIT_CHARS = 10_240;

  /** Access to one bucket, as a tenant wrote it. */
  public record BucketGrant(
      String bucket, AccessLevel access, Set<String> extraActions, List<String> prefixes) {
    public BucketGrant {
      Objects.requireNonNull(access, "access");
      extraActions = Set.copyOf(Objects.requireNonNull(extraActions, "extraActions"));
      prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
    }
  }

  public RolePermissions {
    grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
    keyPermissions = List.copyOf(Objects.requireNonNull(keyPermissions, "keyPermissions"));
    if (grants.isEmpty()) {
      throw new InvalidShareException("a role needs at least one grant");
    }
    permissions(grants); // validates buckets, prefixes and extra actions
  }

  /** Permissions for buckets without a KMS key to grant. */
  public RolePermissions(List<BucketGrant> grants) {
    this(grants, List.of());
  }

  /**
   * These grants with the kms: statements for the buckets in {@code keys}. The encryption context
   * pins each statement to its buckets or prefixes when the policy still fits IAM's limit; when it
   * would not, the statements go without it rather than the role without its keys: S3 is still the
   * only way to the key ({@code kms:ViaService}), and only for what the s3: statements allow.
   */
  public RolePermissions withKeys(Map<String, RoleKeyPermissions.BucketKey> keys) {
    RolePermissions scoped = new RolePermissions(grants, RoleKeyPermissions.of(grants, keys, true));
    if (scoped.chars() <= LIMIT_CHARS) {
      return scoped;
    }
    return new RolePermissions(grants, RoleKeyPermissions.of(grants, keys, false));
  }

  /**
   * The permissions in grant order, duplicates dropped. TLS is always required: nothing reaching a
   * bucket through this role needs plain HTTP.
   */
  public List<Permission> permissions() {
    return permissions(grants);
  }

  public ObjectNode toJsonNode() {
    ObjectNode root = PolicyJson.MAPPER.createObjectNode();
    root.put("Version", BucketPolicyDocument.CURRENT_VERSION);
    ArrayNode statements = root.putArray("Statement");
    List<Permission> permissions = permissions();
    for (int i = 0; i < permissions.size(); i++) {
      // Sids only label statements for humans reading the console; the whole policy is ours.
      statements.add(permissions.get(i).toIamStatement("S3ShareGrant" + i));
    }
    for (int i = 0; i < keyPermissions.size(); i++) {
      statements.add(keyPermissions.get(i).toIamStatement("S3ShareKey" + i));
    }
    return root;
  }

  /** Minified JSON, as sent to IAM. */
  public String toJson() {
    return PolicyJson.write(toJsonNode());
  }

  /** Characters counted against {@link #LIMIT_CHARS}. */
  public int chars() {
    return PolicySize.minifiedChars(toJsonNode());
  }

  private static List<Permission> permissions(List<BucketGrant> grants) {
    Set<Permission> unique = new LinkedHashSet<>();
    for (BucketGrant grant : grants) {
      unique.addAll(
          Grants.permissions(
              grant.bucket(), grant.access(), grant.extraActions(), grant.prefixes(), true));
    }
    return new ArrayList<>(unique);
  }
}
