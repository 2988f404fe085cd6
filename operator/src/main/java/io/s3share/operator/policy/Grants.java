package io.s3share.operator.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Turns share intents into minimal grants; pure and deterministic. */
public final class Grants {

  static final String SECURE_TRANSPORT = "aws:SecureTransport";
  static final String S3_PREFIX = "s3:prefix";

  private Grants() {}

  /** One grant per (grantee, permission), grantees in intent order. */
  public static List<Grant> forShare(ShareIntent intent) {
    return forShareOn(intent, bucketArn(intent.bucket()), bucketArn(intent.bucket()) + "/");
  }

  /**
   * The share's grants on another container of the bucket's objects, such as an access point:
   * bucket-level actions on {@code containerArn}, object actions on {@code objectArnBase +
   * prefix*}.
   */
  public static List<Grant> forShareOn(
      ShareIntent intent, String containerArn, String objectArnBase) {
    ActionAllowList.requireAllowed(intent.extraActions());
    List<Permission> permissions =
        permissionsOn(
            containerArn,
            objectArnBase,
            intent.access(),
            intent.extraActions(),
            intent.prefixes(),
            intent.requireTls());
    List<Grant> grants = new ArrayList<>();
    for (Grantee grantee : intent.grantees()) {
      permissions.forEach(permission -> grants.add(new Grant(grantee, permission)));
    }
    return List.copyOf(grants);
  }

  /**
   * The permissions for an access level, usable for bucket policies (with a principal) and for IAM
   * identity policies (without). Order: prefix-limited listing, other bucket actions, objects.
   */
  public static List<Permission> permissions(
      String bucket,
      AccessLevel access,
      Set<String> extraActions,
      Collection<String> prefixes,
      boolean requireTls) {
    ShareIntent.requireBucket(bucket);
    ActionAllowList.requireAllowed(extraActions);
    return permissionsOn(
        bucketArn(bucket), bucketArn(bucket) + "/", access, extraActions, prefixes, requireTls);
  }

  private static List<Permission> permissionsOn(
      String bucketArn,
      String objectArnBase,
      AccessLevel access,
      Set<String> extraActions,
      Collection<String> prefixes,
      boolean requireTls) {
    ShareIntent.requirePrefixes(prefixes);
    Conditions base =
        requireTls
            ? Conditions.of(Conditions.BOOL, SECURE_TRANSPORT, List.of("true"))
            : Conditions.none();
    SortedSet<String> bucketActions = new TreeSet<>(access.bucketActions());
    SortedSet<String> objectActions = new TreeSet<>(access.objectActions());
    for (String extra : extraActions) {
      boolean onBucket = ActionAllowList.scopeOf(extra).orElseThrow() == ActionScope.BUCKET;
      (onBucket ? bucketActions : objectActions).add(extra);
    }

    List<Permission> permissions = new ArrayList<>();
    if (prefixes.isEmpty()) {
      addIfAny(permissions, bucketActions, List.of(bucketArn), base);
    } else {
      SortedSet<String> listing = new TreeSet<>();
      bucketActions.stream().filter(ActionAllowList::isPrefixFiltered).forEach(listing::add);
      bucketActions.removeAll(listing);
      addIfAny(
          permissions,
          listing,
          List.of(bucketArn),
          base.with(Conditions.STRING_LIKE, S3_PREFIX, prefixPatterns(prefixes)));
      // s3:prefix is absent on e.g. GetBucketLocation requests; the condition would deny them.
      addIfAny(permissions, bucketActions, List.of(bucketArn), base);
    }
    addIfAny(permissions, objectActions, objectArnsUnder(objectArnBase, prefixes), base);
    return List.copyOf(permissions);
  }

  /** Every action a share with this access level and these extra actions uses. */
  public static SortedSet<String> actionsOf(AccessLevel access, Set<String> extraActions) {
    SortedSet<String> actions = new TreeSet<>(access.bucketActions());
    actions.addAll(access.objectActions());
    actions.addAll(extraActions);
    return actions;
  }

  public static String bucketArn(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  public static SortedSet<String> objectArns(String bucket, Collection<String> prefixes) {
    return objectArnsUnder(bucketArn(bucket) + "/", prefixes);
  }

  private static SortedSet<String> objectArnsUnder(String base, Collection<String> prefixes) {
    if (prefixes.isEmpty()) {
      return Sorted.copyOf(List.of(base + "*"));
    }
    return Sorted.copyOf(prefixes.stream().map(p -> base + p + "*").toList());
  }

  // Both the prefix itself (listing "reports/") and anything under it ("reports/2024/").
  private static List<String> prefixPatterns(Collection<String> prefixes) {
    List<String> patterns = new ArrayList<>();
    for (String prefix : prefixes) {
      patterns.add(prefix);
      patterns.add(prefix + "*");
    }
    return patterns;
  }

  private static void addIfAny(
      List<Permission> into,
      Collection<String> actions,
      Collection<String> resources,
      Conditions conditions) {
    if (!actions.isEmpty()) {
      into.add(Permission.of(actions, resources, conditions));
    }
  }
}
