package io.s3share.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.s3share.operator.policy.PolicyEquivalence;
import java.util.List;
import java.util.Optional;

/** A unified diff of two policy documents, each pretty-printed with sorted keys. */
final class PolicyDiff {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private PolicyDiff() {}

  static String diff(String name, Optional<String> before, Optional<String> after) {
    List<String> old = lines(before);
    List<String> now = lines(after);
    var patch = DiffUtils.diff(old, now);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            before.isPresent() ? "current/" + name : "/dev/null",
            after.isPresent() ? "planned/" + name : "/dev/null",
            old,
            patch,
            3);
    return unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
  }

  static String pretty(String json) {
    try {
      Object tree = JSON.readValue(PolicyEquivalence.urlDecodeIfNeeded(json), Object.class);
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private static List<String> lines(Optional<String> document) {
    return document
        .map(PolicyDiff::pretty)
        .map(text -> List.of(text.split("\n")))
        .orElse(List.of());
  }
}
