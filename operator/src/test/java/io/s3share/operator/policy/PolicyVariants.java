package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Rewrites policies into other forms with the same meaning (as AWS may return them), or not. */
final class PolicyVariants {

  private PolicyVariants() {}

  /** Same meaning: shuffled, string/array flipped, duplicated values, case and id changes. */
  static ObjectNode reshape(JsonNode document, Random random) {
    List<JsonNode> statements = new ArrayList<>();
    statementsOf(document).forEach(s -> statements.add(reshapeStatement(s, random)));
    Collections.shuffle(statements, random);
    ObjectNode copy = shuffledFields((ObjectNode) document, random);
    if (statements.size() == 1 && random.nextBoolean()) {
      copy.set("Statement", statements.get(0));
    } else if (copy.has("Statement")) {
      copy.set("Statement", PolicyJson.MAPPER.createArrayNode().addAll(statements));
    }
    return copy;
  }

  /** Different meaning: one statement dropped, doubled, re-Sid'ed or widened, or the version. */
  static ObjectNode distort(JsonNode document, Random random) {
    ObjectNode copy = document.deepCopy();
    List<JsonNode> statements = statementsOf(copy);
    if (statements.isEmpty()) {
      copy.put("Version", "2099-01-01");
      return copy;
    }
    int index = random.nextInt(statements.size());
    ObjectNode victim = ((ObjectNode) statements.get(index)).deepCopy();
    switch (random.nextInt(4)) {
      case 0 -> statements.remove(index);
      case 1 -> statements.add(victim);
      case 2 -> statements.set(index, victim.put("Sid", victim.path("Sid").asText() + "Z"));
      default ->
          statements.set(index, victim.set("Resource", TextNode.valueOf("arn:aws:s3:::other")));
    }
    copy.set("Statement", PolicyJson.MAPPER.createArrayNode().addAll(statements));
    return copy;
  }

  private static List<JsonNode> statementsOf(JsonNode document) {
    List<JsonNode> statements = new ArrayList<>();
    JsonNode statement = document.path("Statement");
    if (statement.isArray()) {
      statement.forEach(statements::add);
    } else if (statement.isObject()) {
      statements.add(statement);
    }
    return statements;
  }

  private static JsonNode reshapeStatement(JsonNode statement, Random random) {
    ObjectNode result = shuffledFields((ObjectNode) statement, random);
    result
        .properties()
        .forEach(
            field -> {
              JsonNode value = field.getValue();
              field.setValue(
                  switch (field.getKey()) {
                    case "Action", "NotAction" -> list(value, random, a -> flipCase(a, random));
                    case "Resource", "NotResource" -> list(value, random, UnaryOperator.identity());
                    case "Principal" -> principal(value, random);
                    case "Condition" -> condition(value, random);
                    default -> value;
                  });
            });
    return result;
  }

  private static JsonNode principal(JsonNode principal, Random random) {
    if (principal.isTextual()) {
      return random.nextBoolean() ? principal : object("AWS", list(principal, random, p -> p));
    }
    ObjectNode result = shuffledFields((ObjectNode) principal, random);
    result
        .properties()
        .forEach(
            type ->
                type.setValue(
                    list(
                        type.getValue(),
                        random,
                        type.getKey().equals("AWS") ? PolicyVariants::swapAccountForm : p -> p)));
    boolean onlyStar =
        result.size() == 1 && PolicyJson.texts(result.get("AWS")).equals(List.of("*"));
    return onlyStar && random.nextBoolean() ? TextNode.valueOf("*") : result;
  }

  private static JsonNode condition(JsonNode condition, Random random) {
    ObjectNode result = PolicyJson.MAPPER.createObjectNode();
    condition
        .properties()
        .forEach(
            operator -> {
              ObjectNode keys = result.putObject(operator.getKey());
              operator
                  .getValue()
                  .properties()
                  .forEach(
                      key ->
                          keys.set(
                              flipCase(key.getKey(), random),
                              list(key.getValue(), random, UnaryOperator.identity())));
            });
    return result;
  }

  // Shuffled, maybe with a duplicate, and a single value maybe unwrapped from its array.
  private static JsonNode list(JsonNode values, Random random, UnaryOperator<String> rewrite) {
    List<String> texts = new ArrayList<>(PolicyJson.texts(values).stream().map(rewrite).toList());
    if (random.nextInt(4) == 0) {
      texts.add(texts.get(random.nextInt(texts.size())));
    }
    Collections.shuffle(texts, random);
    if (texts.size() == 1 && random.nextBoolean()) {
      return TextNode.valueOf(texts.get(0));
    }
    ArrayNode array = PolicyJson.MAPPER.createArrayNode();
    texts.forEach(array::add);
    return array;
  }

  private static String swapAccountForm(String principal) {
    if (principal.matches("\\d{12}")) {
      return "arn:aws:iam::" + principal + ":root";
    }
    if (principal.matches("arn:aws:iam::\\d{12}:root")) {
      return principal.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
    }
    return principal;
  }

  private static String flipCase(String text, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> text.toUpperCase(Locale.ROOT);
      case 1 -> text.toLowerCase(Locale.ROOT);
      default -> text;
    };
  }

  private static ObjectNode shuffledFields(ObjectNode node, Random random) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    Collections.shuffle(names, random);
    ObjectNode result = PolicyJson.MAPPER.createObjectNode();
    names.forEach(name -> result.set(name, node.get(name).deepCopy()));
    return result;
  }

  private static ObjectNode object(String field, JsonNode value) {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    node.set(field, value);
    return node;
  }
}
