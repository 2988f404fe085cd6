package io.s3share.operator.awsaccount;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shares and roles that still use an AwsAccount, as {@code namespace/name}; sorted. Pure.
 *
 * @param shares BucketShares whose {@code spec.bucket.accountRef} names the account
 * @param roles CrossAccountRoles whose {@code spec.accountRef} names the account
 */
public record Referrers(List<String> shares, List<String> roles) {

  /** How many names of each kind a message lists before it only counts. */
  static final int NAMED = 3;

  public Referrers {
    shares = shares.stream().sorted().toList();
    roles = roles.stream().sorted().toList();
  }

  public boolean none() {
    return shares.isEmpty() && roles.isEmpty();
  }

  /** Why the account is not deleted yet, and what to do about it. */
  public String message(String account) {
    StringBuilder m = new StringBuilder("AwsAccount ").append(account).append(" is in use by ");
    if (!shares.isEmpty()) {
      m.append(describe(shares, "BucketShare"));
    }
    if (!shares.isEmpty() && !roles.isEmpty()) {
      m.append(" and ");
    }
    if (!roles.isEmpty()) {
      m.append(describe(roles, "CrossAccountRole"));
    }
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
