package io.s3share.operator.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * Whether one statement applies to a request: principal (resource policies only), action, resource
 * and conditions. Actions match case-insensitively, resources case-sensitively (S3 keys are
 * case-sensitive), both with {@code *} and {@code ?} wildcards.
 */
final class StatementMatcher {

  private StatementMatcher() {}

  /** How a resource-policy statement names the caller, NONE when it does not apply. */
  static PrincipalMatch resourceStatement(
      Statement statement, AccessRequest request, boolean hasBoundary) {
    PrincipalMatch who;
    if (statement.principal().isPresent()) {
      who = PrincipalMatcher.principal(statement.principal().get(), request.principal());
    } else if (statement.notPrincipal().isPresent()) {
      who =
          PrincipalMatcher.excludedBy(
                  statement.notPrincipal().get(),
                  request.principal(),
                  statement.effect(),
                  hasBoundary)
              ? PrincipalMatch.NONE
              : PrincipalMatch.DIRECT;
    } else {
      // A resource policy statement without a principal is refused by AWS; it grants nobody.
      who = PrincipalMatch.NONE;
    }
    return who != PrincipalMatch.NONE && appliesIgnoringPrincipal(statement, request)
        ? who
        : PrincipalMatch.NONE;
  }

  /** Whether an identity-policy (or boundary) statement applies; its principal is the caller. */
  static boolean appliesIgnoringPrincipal(Statement statement, AccessRequest request) {
    return actionMatches(statement, request.action())
        && resourceMatches(statement, request.resource())
        && ConditionEvaluator.matches(statement.conditions(), request);
  }

  private static boolean actionMatches(Statement statement, String action) {
    if (statement.actions().isPresent()) {
      return anyMatch(statement.actions().get(), action, true);
    }
    if (statement.notActions().isPresent()) {
      return !anyMatch(statement.notActions().get(), action, true);
    }
    return false;
  }

  private static boolean resourceMatches(Statement statement, String resource) {
    Optional<List<String>> resources = statement.resources();
    if (resources.isPresent()) {
      return anyMatch(resources.get(), resource, false);
    }
    if (statement.notResources().isPresent()) {
      return !anyMatch(statement.notResources().get(), resource, false);
    }
    // Trust and key policies may omit Resource: the statement covers the policy's own resource.
    return true;
  }

  private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
    return patterns.stream().anyMatch(p -> Wildcard.matches(p, value, ignoreCase));
  }
}
