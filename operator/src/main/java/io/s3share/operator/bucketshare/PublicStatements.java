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
 * The statements that make a bucket policy public, by S3's rule: an Allow to every principal that
 * no condition pins to fixed values of a key that names who or where the caller is.
 */
final class PublicStatements {

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
          "s3:dataaccesspointaccount");

  private static final Set<String> FIXED_OPERATORS =
      Set.of("stringequals", "stringequalsignorecase", "arnequals", "stringlike", "arnlike");

  private static final Pattern ACCESS_POINT_ARN =
      Pattern.compile("arn:aws[a-z-]*:s3:[a-z0-9-]+:\\d{12}:accesspoint/[^$]*");

  private PublicStatements() {}

  /** The Sids (or {@code #<n>}) of the public statements; none for a policy we cannot read. */
  static List<String> of(String policyJson) {
    try {
      return PolicyDocument.parse("bucket-policy", policyJson).statements().stream()
          .filter(PublicStatements::isPublic)
          .map(statement -> statement.ref().id())
          .toList();
    } catch (MalformedPolicyException e) {
      return List.of();
    }
  }

  private static boolean isPublic(Statement statement) {
    if (statement.effect() != Effect.ALLOW) {
      return false;
    }
    boolean everyone =
        statement.notPrincipal().isPresent()
            || statement
                .principal()
                .filter(p -> p.everyone() || p.values("AWS").contains("*"))
                .isPresent();
    return everyone && statement.conditions().stream().noneMatch(PublicStatements::pins);
  }

  private static boolean pins(ConditionClause clause) {
    String key = clause.key().toLowerCase(Locale.ROOT);
    String operator = clause.operator().toLowerCase(Locale.ROOT);
    if (operator.equals("ipaddress") && key.equals("aws:sourceip")) {
      return clause.values().stream().noneMatch(range -> range.endsWith("/0"));
    }
    if (!PINNING_KEYS.contains(key) || !FIXED_OPERATORS.contains(operator)) {
      return false;
    }
    // S3 lets an access point ARN carry a wildcard in the name, with the account fixed: that is
    // how a delegation to several access points stays non-public.
    return key.equals("s3:dataaccesspointarn")
        ? clause.values().stream().allMatch(v -> ACCESS_POINT_ARN.matcher(v).matches())
        : clause.values().stream().noneMatch(PublicStatements::wildcard);
  }

  private static boolean wildcard(String value) {
    return value.contains("*") || value.contains("?") || value.contains("${");
  }
}
