package io.s3share.operator.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads IAM policy JSON into {@link PolicyDocument}s, accepting every string-or-array form. */
final class PolicyParser {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private PolicyParser() {}

  static PolicyDocument parse(String name, String json) {
    if (json == null || json.isBlank()) {
      throw new MalformedPolicyException(name + ": the policy document is empty");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyException(
          name + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    JsonNode statementNode = root == null ? null : root.get("Statement");
    if (statementNode == null || !(statementNode.isObject() || statementNode.isArray())) {
      throw new MalformedPolicyException(
          name + ": a policy needs a \"Statement\" object or array of objects");
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (statementNode.isObject()) {
      nodes.add(statementNode);
    } else {
      statementNode.forEach(nodes::add);
    }
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      statements.add(statement(name, i, nodes.get(i)));
    }
    return new PolicyDocument(name, statements);
  }

  private static Statement statement(String document, int index, JsonNode node) {
    if (!node.isObject()) {
      throw new MalformedPolicyException(document + ": statement #" + index + " is not an object");
    }
    JsonNode sid = node.get("Sid");
    String id =
        sid != null && sid.isTextual() && !sid.asText().isEmpty() ? sid.asText() : "#" + index;
    StatementRef ref = new StatementRef(document, id);
    return new Statement(
        ref,
        effect(ref, node.get("Effect")),
        principal(ref, node.get("Principal")),
        principal(ref, node.get("NotPrincipal")),
        strings(ref, node, "Action"),
        strings(ref, node, "NotAction"),
        strings(ref, node, "Resource"),
        strings(ref, node, "NotResource"),
        conditions(ref, node.get("Condition")));
  }

  private static Effect effect(StatementRef ref, JsonNode node) {
    // IAM accepts exactly these two spellings; anything else is refused by AWS as well.
    if (node != null && "Allow".equals(node.asText())) {
      return Effect.ALLOW;
    }
    if (node != null && "Deny".equals(node.asText())) {
      return Effect.DENY;
    }
    throw new MalformedPolicyException(ref + ": \"Effect\" must be \"Allow\" or \"Deny\"");
  }

  private static Optional<PrincipalElement> principal(StatementRef ref, JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isTextual() && "*".equals(node.asText())) {
      return Optional.of(new PrincipalElement(true, Map.of()));
    }
    if (!node.isObject()) {
      throw new MalformedPolicyException(
          ref + ": a principal is \"*\" or an object such as {\"AWS\": [...]}");
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      byType.put(field.getKey(), texts(ref, field.getKey(), field.getValue()));
    }
    return Optional.of(new PrincipalElement(false, byType));
  }

  private static Optional<List<String>> strings(StatementRef ref, JsonNode statement, String key) {
    JsonNode node = statement.get(key);
    return node == null ? Optional.empty() : Optional.of(texts(ref, key, node));
  }

  private static List<ConditionClause> conditions(StatementRef ref, JsonNode node) {
    List<ConditionClause> clauses = new ArrayList<>();
    if (node == null) {
      return clauses;
    }
    if (!node.isObject()) {
      throw new MalformedPolicyException(ref + ": \"Condition\" must be an object");
    }
    Iterator<Map.Entry<String, JsonNode>> operators = node.fields();
    while (operators.hasNext()) {
      Map.Entry<String, JsonNode> operator = operators.next();
      if (!operator.getValue().isObject()) {
        throw new MalformedPolicyException(
            ref + ": condition operator " + operator.getKey() + " must map keys to values");
      }
      Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
      while (keys.hasNext()) {
        Map.Entry<String, JsonNode> key = keys.next();
        clauses.add(
            new ConditionClause(
                operator.getKey(), key.getKey(), texts(ref, key.getKey(), key.getValue())));
      }
    }
    return clauses;
  }

  /** A string, number or boolean, or an array of them, as text. */
  private static List<String> texts(StatementRef ref, String element, JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        values.add(scalar(ref, element, item));
      }
    } else {
      values.add(scalar(ref, element, node));
    }
    return values;
  }

  private static String scalar(StatementRef ref, String element, JsonNode node) {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw new MalformedPolicyException(
        ref + ": \"" + element + "\" must be a string or an array of strings");
  }
}
