package io.s3share.operator.bucketshare;

import io.s3share.operator.evaluation.AccessRequest;
import io.s3share.operator.evaluation.ConditionClause;
import io.s3share.operator.evaluation.Decision;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.Statement;
import io.s3share.operator.evaluation.StatementRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The condition keys a consumer's real request carries but the operator cannot know in advance:
 * where the request comes from, and facts about the consumer's account. A Deny that depends on one
 * of them may or may not bite.
 */
final class EffectiveAccessKeys {

  private static final Set<String> UNKNOWABLE =
      Set.of(
          "aws:sourcevpce",
          "aws:sourcevpc",
          "aws:sourceip",
          "aws:vpcsourceip",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:userid",
          "aws:username");

  private EffectiveAccessKeys() {}

  /**
   * The unknowable keys the deciding Denies depend on, or empty when one of them denies whatever
   * those keys hold: then the grant is shadowed for certain.
   */
  static List<String> unknownIn(
      List<PolicyDocument> documents, Decision decision, AccessRequest request) {
    TreeSet<String> keys = new TreeSet<>();
    for (StatementRef ref : decision.statements()) {
      Optional<Statement> statement = find(documents, ref);
      if (statement.isEmpty()) {
        return List.of();
      }
      List<String> unknown =
          statement.get().conditions().stream()
              .map(ConditionClause::key)
              .filter(key -> unknowable(key) && request.values(key).isEmpty())
              .toList();
      if (unknown.isEmpty()) {
        return List.of();
      }
      keys.addAll(unknown);
    }
    return List.copyOf(keys);
  }

  private static boolean unknowable(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return UNKNOWABLE.contains(lower) || lower.startsWith("aws:principaltag/");
  }

  private static Optional<Statement> find(List<PolicyDocument> documents, StatementRef ref) {
    return documents.stream()
        .filter(document -> document.name().equals(ref.document()))
        .flatMap(document -> document.statements().stream())
        .filter(statement -> statement.ref().equals(ref))
        .findFirst();
  }
}
