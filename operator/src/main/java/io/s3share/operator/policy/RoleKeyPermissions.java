package io.s3share.operator.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The kms: statements a role's identity policy needs for its grants on buckets whose default
 * encryption is a customer managed KMS key; pure. One statement per key and action set, so two
 * grants on buckets sharing one key cost one statement.
 */
public final class RoleKeyPermissions {

  /** S3 asks KMS with this key, which names the bucket or object the data key serves. */
  static final String CONTEXT_KEY = "kms:EncryptionContext:aws:s3:arn";

  static final String VIA_SERVICE = "kms:ViaService";

  /**
   * A bucket's default key, as far as the role's statements need it.
   *
   * @param keyArn the key's ARN
   * @param region the bucket's Region, which S3 calls KMS from
   * @param bucketKeyEnabled whether S3 Bucket Keys are on: then S3 asks KMS with the bucket's ARN
   *     as encryption context, otherwise with the object's
   */
  public record BucketKey(String keyArn, String region, boolean bucketKeyEnabled) {
    public BucketKey {
      Objects.requireNonNull(keyArn, "keyArn");
      Objects.requireNonNull(region, "region");
    }
  }

  /** One statement's worth: a key, the Region S3 calls it from, and the actions. */
  private record Group(String keyArn, String region, SortedSet<String> actions) {}

  private RoleKeyPermissions() {}

  /**
   * The statements for {@code grants}, in a stable order.
   *
   * @param keys the default key of each granted bucket that has one; other buckets need nothing
   * @param scopeToObjects whether to pin {@code kms:EncryptionContext:aws:s3:arn} to the granted
   *     bucket or prefixes. Without it the key is still usable only through S3 ({@code
   *     kms:ViaService}) and only for what the role's s3: statements allow, so the context is a
   *     second fence, dropped first when the policy would not fit
   */
  public static List<Permission> of(
      List<RolePermissions.BucketGrant> grants,
      Map<String, BucketKey> keys,
      boolean scopeToObjects) {
    // Insertion order keeps the output stable across reconciles.
    Map<Group, SortedSet<String>> contexts = new LinkedHashMap<>();
    for (RolePermissions.BucketGrant grant : grants) {
      BucketKey key = keys.get(grant.bucket());
      SortedSet<String> actions =
          KmsActions.forS3Actions(Grants.actionsOf(grant.access(), grant.extraActions()));
      if (key == null || actions.isEmpty()) {
        continue;
      }
      contexts
          .computeIfAbsent(new Group(key.keyArn(), key.region(), actions), g -> new TreeSet<>())
          .addAll(contextOf(grant, key));
    }
    List<Permission> permissions = new ArrayList<>();
    contexts.forEach(
        (group, context) -> {
          Conditions conditions =
              Conditions.of(
                  Conditions.STRING_EQUALS,
                  VIA_SERVICE,
                  List.of("s3." + group.region() + ".amazonaws.com"));
          if (scopeToObjects) {
            conditions = conditions.with(Conditions.STRING_LIKE, CONTEXT_KEY, context);
          }
          permissions.add(Permission.of(group.actions(), List.of(group.keyArn()), conditions));
        });
    return permissions;
  }

  // With Bucket Keys on, S3 asks for the bucket's data key with the bucket's ARN; otherwise for
  // each object's, with the object's ARN, which the prefixes bound.
  private static SortedSet<String> contextOf(RolePermissions.BucketGrant grant, BucketKey key) {
    return key.bucketKeyEnabled()
        ? Sorted.copyOf(List.of(Grants.bucketArn(grant.bucket())))
        : Grants.objectArns(grant.bucket(), grant.prefixes());
  }
}
