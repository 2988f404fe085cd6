package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The identity policy of a cross-account role, built from the same permissions as bucket-policy
 * grants ({@link Grants#permissions}); pure.
 */
public record RolePermissions(List<BucketGrant> grants) {

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
    if (grants.isEmpty()) {
      throw new InvalidShareException("a role needs at least one grant");
    }
    permissions(grants); // validates buckets, prefixes and extra actions
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
