package io.s3share.operator.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * One parsed policy statement. Every "string or array" element is held as a list; an element that
 * is absent is an empty {@link Optional}, so that "no Resource" and "NotResource" stay distinct.
 */
public record Statement(
    StatementRef ref,
    Effect effect,
    Optional<PrincipalElement> principal,
    Optional<PrincipalElement> notPrincipal,
    Optional<List<String>> actions,
    Optional<List<String>> notActions,
    Optional<List<String>> resources,
    Optional<List<String>> notResources,
    List<ConditionClause> conditions) {

  public Statement {
    conditions = List.copyOf(conditions);
  }
}
