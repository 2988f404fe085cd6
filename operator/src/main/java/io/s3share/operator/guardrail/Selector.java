package io.s3share.operator.guardrail;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Kubernetes label selector as a value: matchLabels and matchExpressions, all ANDed. */
public record Selector(Map<String, String> matchLabels, List<Expression> expressions) {

  /** One matchExpression: In, NotIn, Exists or DoesNotExist. */
  public record Expression(String key, String operator, Set<String> values) {
    public Expression {
      values = Set.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false; // an unknown operator selects nothing: deny by default
      };
    }
  }

  public Selector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  public static Selector everything() {
    return new Selector(Map.of(), List.of());
  }

  public boolean matches(Map<String, String> labels) {
    return matchLabels.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
        && expressions.stream().allMatch(e -> e.matches(labels));
  }
}
