package io.s3share.operator.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one document that apply to one request: its Denies and its Allows, the latter
 * with the strongest way an Allow names the caller.
 */
record DocumentVerdict(
    List<StatementRef> denies, List<StatementRef> allows, PrincipalMatch strongestGrant) {

  static final DocumentVerdict NOTHING =
      new DocumentVerdict(List.of(), List.of(), PrincipalMatch.NONE);

  boolean allowsAny() {
    return !allows.isEmpty();
  }

  /** Every statement of a resource policy, judged against the caller. */
  static DocumentVerdict ofResourcePolicy(
      PolicyDocument document, AccessRequest request, boolean hasBoundary) {
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> allows = new ArrayList<>();
    PrincipalMatch strongest = PrincipalMatch.NONE;
    for (Statement statement : document.statements()) {
      PrincipalMatch match = StatementMatcher.resourceStatement(statement, request, hasBoundary);
      if (match == PrincipalMatch.NONE) {
        continue;
      }
      if (statement.effect() == Effect.DENY) {
        denies.add(statement.ref());
      } else {
        allows.add(statement.ref());
        strongest = strongest.max(match);
      }
    }
    return new DocumentVerdict(List.copyOf(denies), List.copyOf(allows), strongest);
  }

  /** Every statement of an identity policy or boundary; the caller is the policy's holder. */
  static DocumentVerdict ofIdentityPolicy(PolicyDocument document, AccessRequest request) {
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> allows = new ArrayList<>();
    for (Statement statement : document.statements()) {
      if (StatementMatcher.appliesIgnoringPrincipal(statement, request)) {
        (statement.effect() == Effect.DENY ? denies : allows).add(statement.ref());
      }
    }
    PrincipalMatch grant = allows.isEmpty() ? PrincipalMatch.NONE : PrincipalMatch.DIRECT;
    return new DocumentVerdict(List.copyOf(denies), List.copyOf(allows), grant);
  }
}
