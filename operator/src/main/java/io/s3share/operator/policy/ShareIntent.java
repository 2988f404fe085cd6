package io.s3share.operator.policy;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Desired state of one share: who gets which access to which prefixes of a bucket. */
public record ShareIntent(
    String bucket,
    List<Grantee> grantees,
    AccessLevel access,
    Set<String> extraActions,
    List<String> prefixes,
    boolean requireTls) {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public ShareIntent {
    requireBucket(bucket);
    grantees = List.copyOf(Objects.requireNonNull(grantees, "grantees"));
    if (grantees.isEmpty()) {
      throw new InvalidShareException("a share needs at least one grantee");
    }
    Objects.requireNonNull(access, "access");
    extraActions = Set.copyOf(Objects.requireNonNull(extraActions, "extraActions"));
    ActionAllowList.requireAllowed(extraActions);
    prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
    requirePrefixes(prefixes);
  }

  static void requireBucket(String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new InvalidShareException("not a valid S3 bucket name: " + bucket);
    }
  }

  static void requirePrefixes(Collection<String> prefixes) {
    for (String prefix : prefixes) {
      // '*' and '?' are wildcards in ARNs and StringLike, and '${' starts a policy variable:
      // any of them would silently widen the grant beyond the literal prefix.
      if (prefix == null
          || prefix.isEmpty()
          || prefix.contains("*")
          || prefix.contains("?")
          || prefix.contains("${")) {
        throw new InvalidShareException(
            "prefix must be non-empty and free of '*', '?' and '${': " + prefix);
      }
    }
  }
}
