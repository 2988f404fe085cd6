package io.s3share.operator.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Shared Jackson setup for policies: exact numbers, no duplicate keys, minified output. */
final class PolicyJson {

  // Numbers stay exact and duplicate keys fail: re-serializing must never alter (or silently
  // drop part of) a statement that somebody else owns.
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private PolicyJson() {}

  static JsonNode read(String json) {
    if (json == null) {
      throw new InvalidPolicyException("policy document is null");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException("policy is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // Serializing a tree we hold in memory cannot fail short of a Jackson bug.
      throw new IllegalStateException("cannot serialize policy JSON", e);
    }
  }

  static ArrayNode array(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The elements of an IAM "string or array of strings" value, as text. */
  static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(element -> values.add(text(element)));
    } else {
      values.add(text(node));
    }
    return values;
  }

  // Non-scalar elements are invalid in these places; keep them distinct rather than blank.
  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : write(node);
  }
}
