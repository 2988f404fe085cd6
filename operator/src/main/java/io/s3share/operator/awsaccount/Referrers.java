package io.s3share.operator.awsaccount;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shares, roles and SharedBuckets that still use an AwsAccount, as {@code namespace/name} (a
 * SharedBucket by its name); sorted. Pure.
 *
 * @param shares BucketShares whose {@code spec.bucket.accountRef} names the account
 * @param roles CrossAccountRoles whose {@code spec.accountRef} names the account
 * @param sharedBuckets SharedBuckets whose {@code spec.accountRef} names the account
 */
public record Referrers(List<String> shares, List<String> roles, List<String> sharedBuckets) {

  /** How many names of each kind a message lists before it only counts. */
  static final int NAMED = 3;

  public Referrers {
    shares = shares.stream().sorted().toList();
    roles = roles.stream().sorted().toList();
    sharedBuckets = sharedBuckets.stream().sorted().toList();
  }

  public Referrers(List<String> shares, List<String> roles) {
    this(shares, roles, List.of());
  }

  public boolean none() {
    return shares.isEmpty() && roles.isEmpty() && sharedBuckets.isEmpty();
  }

  /** Why the account is not deleted yet, and what to do about it. */
  public String message(String account) {
    StringBuilder m = new StringBuilder("AwsAccount ").append(account).append(" is in use by ");
    List<String> parts = new java.util.ArrayList<>();
    if (!shares.isEmpty()) {
      parts.add(describe(shares, "BucketShare"));
    }
    if (!roles.isEmpty()) {
      parts.add(describe(roles, "CrossAccountRole"));
    }
    if (!sharedBuckets.isEmpty()) {
      parts.add(describe(sharedBuckets, "SharedBucket"));
    }
    m.append(String.join(" and ", parts));
    return m.append(
            ". It is deleted once they are gone, because their clean-up in AWS goes through it."
                + " Delete them first; to let one go without touching AWS, annotate it"
                + " s3share.io/abandon-aws-resources=\"true\".")
        .toString();
  }

  private static String describe(List<String> names, String kind) {
    String listed = names.stream().limit(NAMED).collect(Collectors.joining(", "));
    String more = names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "";
    return names.size() + " " + kind + (names.size() == 1 ? "" : "s") + " (" + listed + more + ")";
  }
}
