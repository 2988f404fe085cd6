package io.s3share.operator.bucketshare;

import io.s3share.operator.evaluation.ConditionClause;
import io.s3share.operator.evaluation.Effect;
import io.s3share.operator.evaluation.MalformedPolicyException;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The statements that make a bucket or access point policy public, by S3's rule ("The meaning of
 * public" in the S3 User Guide): an Allow to every principal, or to a federated identity, that no
 * condition pins to fixed values of a key that names who or where the caller is.
 */
public final class PublicStatements {

  /** Keys whose fixed values keep a statement from being public, as S3 documents them. */
  private static final Set<String> PINNING_KEYS =
      Set.of(
          "aws:sourceip",
          "aws:sourcearn",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:sourceowner",
          "aws:sourceaccount",
          "aws:principalorgid",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:userid",
          "s3:dataaccesspointarn",
          "s3:dataaccesspointaccount",
          "s3:x-amz-server-side-encryption-aws-kms-key-id");

  /** S3 counts source IP ranges broader than these prefix lengths as public. */
  private static final int WIDEST_IPV4_PREFIX = 8;

  private static final int WIDEST_IPV6_PREFIX = 32;

  private static final Set<String> FIXED_OPERATORS =
      Set.of("stringequals", "stringequalsignorecase", "arnequals", "stringlike", "arnlike");

  private static final Pattern ACCESS_POINT_ARN =
      Pattern.compile("arn:aws[a-z-]*:s3:[a-z0-9-]+:\\d{12}:accesspoint/[^$]*");

  private PublicStatements() {}

  /**
   * The Sids (or {@code #<n>}) of a bucket policy's public statements; none for a policy we cannot
   * read.
   */
  public static List<String> of(String policyJson) {
    return publicIn("bucket-policy", policyJson, false);
  }

  /**
   * The same for an access point policy, where S3 does not let {@code s3:DataAccessPointArn} pin a
   * statement: granting to a set of access points makes an access point public.
   */
  public static List<String> ofAccessPointPolicy(String policyJson) {
    return publicIn("access-point-policy", policyJson, true);
  }

  private static List<String> publicIn(String name, String policyJson, boolean accessPoint) {
    try {
      return PolicyDocument.parse(name, policyJson).statements().stream()
          .filter(statement -> isPublic(statement, accessPoint))
          .map(statement -> statement.ref().id())
          .toList();
    } catch (MalformedPolicyException e) {
      return List.of();
    }
  }

  private static boolean isPublic(Statement statement, boolean accessPoint) {
    if (statement.effect() != Effect.ALLOW) {
      return false;
    }
    // A federated identity (a web identity or SAML provider) is anyone who signs in there.
    boolean everyone =
        statement.notPrincipal().isPresent()
            || statement
                .principal()
                .filter(
                    p ->
                        p.everyone()
                            || p.values("AWS").contains("*")
                            || !p.values("Federated").isEmpty())
                .isPresent();
    return everyone
        && statement.conditions().stream().noneMatch(clause -> pins(clause, accessPoint));
  }

  private static boolean pins(ConditionClause clause, boolean accessPoint) {
    String key = clause.key().toLowerCase(Locale.ROOT);
    String operator = clause.operator().toLowerCase(Locale.ROOT);
    if (operator.equals("ipaddress") && key.equals("aws:sourceip")) {
      return clause.values().stream().noneMatch(PublicStatements::broadRange);
    }
    if (!PINNING_KEYS.contains(key) || !FIXED_OPERATORS.contains(operator)) {
      return false;
    }
    if (accessPoint && key.equals("s3:dataaccesspointarn")) {
      return false;
    }
    // S3 lets an access point ARN carry a wildcard in the name, with the account fixed: that is
    // how a delegation to several access points stays non-public.
    return key.equals("s3:dataaccesspointarn")
        ? clause.values().stream().allMatch(v -> ACCESS_POINT_ARN.matcher(v).matches())
        : clause.values().stream().noneMatch(PublicStatements::wildcard);
  }

  // A bare address is one host; RFC 1918's private ranges are all narrower than /8 anyway.
  private static boolean broadRange(String range) {
    int slash = range.indexOf('/');
    if (slash < 0) {
      return false;
    }
    try {
      int bits = Integer.parseInt(range.substring(slash + 1).trim());
      return bits < (range.contains(":") ? WIDEST_IPV6_PREFIX : WIDEST_IPV4_PREFIX);
    } catch (NumberFormatException e) {
      return true; // not a range S3 would accept as narrow
    }
  }

  private static boolean wildcard(String value) {
    return value.contains("*") || value.contains("?") || value.contains("${");
  }
}
