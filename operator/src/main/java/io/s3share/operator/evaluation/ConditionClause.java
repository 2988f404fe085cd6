package io.s3share.operator.evaluation;

import java.util.List;

/** One (operator, key, values) triple of a Condition block; a statement ANDs all of its clauses. */
public record ConditionClause(String operator, String key, List<String> values) {

  public ConditionClause {
    values = List.copyOf(values);
  }
}
