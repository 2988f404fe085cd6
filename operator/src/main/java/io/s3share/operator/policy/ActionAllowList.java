package io.s3share.operator.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/** The extra S3 actions a share may add to its access level, each tagged with its scope. */
public final class ActionAllowList {

  // Deliberately short: no wildcards, no ACL or policy management, nothing outside s3:.
  private static final SortedMap<String, ActionScope> EXTRAS =
      Collections.unmodifiableSortedMap(
          new TreeMap<>(
              Map.ofEntries(
                  Map.entry("s3:GetObjectTagging", ActionScope.OBJECT),
                  Map.entry("s3:PutObjectTagging", ActionScope.OBJECT),
                  Map.entry("s3:GetObjectVersionTagging", ActionScope.OBJECT),
                  Map.entry("s3:GetObjectAttributes", ActionScope.OBJECT),
                  Map.entry("s3:ListMultipartUploadParts", ActionScope.OBJECT),
                  Map.entry("s3:DeleteObjectVersion", ActionScope.OBJECT),
                  Map.entry("s3:RestoreObject", ActionScope.OBJECT),
                  Map.entry("s3:ListBucketVersions", ActionScope.BUCKET),
                  Map.entry("s3:ListBucketMultipartUploads", ActionScope.BUCKET),
                  Map.entry("s3:GetBucketVersioning", ActionScope.BUCKET))));

  // Listing actions that reveal key names and that S3 filters with the s3:prefix condition key:
  // with prefixes, they must carry that condition or they would list the whole bucket.
  private static final Set<String> PREFIX_FILTERED =
      Set.of("s3:ListBucket", "s3:ListBucketVersions");

  private ActionAllowList() {}

  /** The exact action names a user may list as extras (for the CRD's CEL rule). */
  public static SortedSet<String> names() {
    return Sorted.copyOf(EXTRAS.keySet());
  }

  /** Bucket- or object-level for an allowed extra action; empty when it is not allowed. */
  public static Optional<ActionScope> scopeOf(String action) {
    return Optional.ofNullable(EXTRAS.get(action));
  }

  public static boolean isAllowed(String action) {
    return EXTRAS.containsKey(action);
  }

  static boolean isPrefixFiltered(String action) {
    return PREFIX_FILTERED.contains(action);
  }

  static void requireAllowed(Collection<String> actions) {
    SortedSet<String> unknown = Sorted.copyOf(actions.stream().filter(a -> !isAllowed(a)).toList());
    if (!unknown.isEmpty()) {
      throw new InvalidShareException(
          "extra actions not allowed: " + unknown + "; allowed are " + EXTRAS.keySet());
    }
  }
}
