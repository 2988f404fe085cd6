package io.s3share.operator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Helpers to rewrite the generated policy maps of a cross-check case. */
final class CaseRewrites {

  private CaseRewrites() {}

  static CrossCheckCase withStatements(CrossCheckCase c, Consumer<Map<String, Object>> edit) {
    Map<String, Object> bucket = copy(c.bucketPolicy());
    statements(bucket).forEach(edit);
    List<Map<String, Object>> identity = new ArrayList<>();
    for (Map<String, Object> policy : c.identityPolicies()) {
      Map<String, Object> copy = copy(policy);
      statements(copy).forEach(edit);
      identity.add(copy);
    }
    Map<String, Object> boundary = c.boundary() == null ? null : copy(c.boundary());
    if (boundary != null) {
      statements(boundary).forEach(edit);
    }
    return new CrossCheckCase(
        c.mode(),
        c.owner(),
        c.principal(),
        c.action(),
        c.resource(),
        c.context(),
        bucket,
        identity,
        boundary);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statements(Map<String, Object> policy) {
    return (List<Map<String, Object>>) policy.get("Statement");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> conditions(Map<String, Object> statement) {
    Object condition = statement.get("Condition");
    return condition == null ? new LinkedHashMap<>() : (Map<String, Map<String, Object>>) condition;
  }

  static Map<String, Object> copy(Map<String, Object> value) {
    return CrossCheckCase.JSON.convertValue(
        value, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  static List<String> asList(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  static Object lower(Object value) {
    return value instanceof List<?>
        ? lowerList(asList(value))
        : String.valueOf(value).toLowerCase(Locale.ROOT);
  }

  static List<String> lowerList(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }
}
