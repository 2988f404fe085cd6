package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Compares IAM and S3 policy documents by meaning rather than by bytes. */
public final class PolicyEquivalence {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Set<String> ACTIONS = Set.of("Action", "NotAction");
  private static final Set<String> RESOURCES = Set.of("Resource", "NotResource");
  private static final Set<String> PRINCIPALS = Set.of("Principal", "NotPrincipal");

  private PolicyEquivalence() {}

  public static boolean equivalent(JsonNode a, JsonNode b) {
    return canonicalDocument(a).equals(canonicalDocument(b));
  }

  /** Like {@link #equivalent}, for JSON text that may be URL-encoded (as IAM returns it). */
  public static boolean equivalentJson(String a, String b) {
    return equivalent(PolicyJson.read(urlDecodeIfNeeded(a)), PolicyJson.read(urlDecodeIfNeeded(b)));
  }

  /** IAM's GetRolePolicy and GetRole return documents URL-encoded; JSON starts with '{'. */
  public static String urlDecodeIfNeeded(String json) {
    if (json == null || json.strip().startsWith("{")) {
      return json;
    }
    try {
      return URLDecoder.decode(json, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyException("policy is neither JSON nor URL-encoded JSON", e);
    }
  }

  /** A document in canonical form; equal canonical forms mean equivalent documents. */
  public static ObjectNode canonicalDocument(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new InvalidPolicyException("a policy document must be a JSON object");
    }
    ObjectNode result = PolicyJson.MAPPER.createObjectNode();
    result.put("Version", BucketPolicyDocument.IMPLIED_VERSION);
    for (String field : sortedFields(document)) {
      JsonNode value = document.get(field);
      result.set(field, field.equals("Statement") ? canonicalStatements(value) : generic(value));
    }
    return result;
  }

  /** A statement in canonical form: sorted, de-duplicated, and case-folded where IAM is. */
  public static JsonNode canonical(JsonNode statement) {
    if (statement == null || !statement.isObject()) {
      return generic(statement);
    }
    ObjectNode result = PolicyJson.MAPPER.createObjectNode();
    for (String field : sortedFields(statement)) {
      JsonNode value = statement.get(field);
      if (ACTIONS.contains(field)) {
        result.set(field, sortedSet(PolicyJson.texts(value), s -> s.toLowerCase(Locale.ROOT)));
      } else if (RESOURCES.contains(field)) {
        result.set(field, sortedSet(PolicyJson.texts(value), UnaryOperator.identity()));
      } else if (PRINCIPALS.contains(field)) {
        result.set(field, canonicalPrincipal(value));
      } else if (field.equals("Condition")) {
        ArrayNode conditions = canonicalCondition(value);
        if (!conditions.isEmpty()) {
          result.set(field, conditions);
        }
      } else {
        result.set(field, generic(value));
      }
    }
    return result;
  }

  // Statements form a multiset: sort canonical forms by their text, keeping duplicates.
  private static ArrayNode canonicalStatements(JsonNode statements) {
    List<JsonNode> elements = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(elements::add);
    } else {
      elements.add(statements);
    }
    ArrayNode result = PolicyJson.MAPPER.createArrayNode();
    elements.stream()
        .map(PolicyEquivalence::canonical)
        .sorted(Comparator.comparing(PolicyJson::write))
        .forEach(result::add);
    return result;
  }

  // "*" means {"AWS":"*"}; a bare account id means that account's root ARN.
  private static JsonNode canonicalPrincipal(JsonNode principal) {
    ObjectNode result = PolicyJson.MAPPER.createObjectNode();
    if (principal.isTextual()) {
      result.set("AWS", sortedSet(PolicyJson.texts(principal), PolicyEquivalence::accountRoot));
      return result;
    }
    if (!principal.isObject()) {
      return generic(principal);
    }
    for (String type : sortedFields(principal)) {
      UnaryOperator<String> normalize =
          type.equals("AWS") ? PolicyEquivalence::accountRoot : UnaryOperator.identity();
      result.set(type, sortedSet(PolicyJson.texts(principal.get(type)), normalize));
    }
    return result;
  }

  private static String accountRoot(String principal) {
    return ACCOUNT_ID.matcher(principal).matches()
        ? "arn:aws:iam::" + principal + ":root"
        : principal;
  }

  // Operators stay case-sensitive, keys are case-insensitive, values are a set. A list of
  // (operator, key, values) triples keeps "aws:SourceIp" and "aws:sourceip" as two tests.
  private static ArrayNode canonicalCondition(JsonNode condition) {
    ArrayNode result = PolicyJson.MAPPER.createArrayNode();
    if (!condition.isObject()) {
      result.add(generic(condition));
      return result;
    }
    SortedSet<String> triples = new TreeSet<>();
    for (Map.Entry<String, JsonNode> operator : condition.properties()) {
      if (!operator.getValue().isObject()) {
        triples.add(PolicyJson.write(generic(operator.getValue())));
        continue;
      }
      for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
        ArrayNode triple = PolicyJson.MAPPER.createArrayNode();
        triple.add(operator.getKey());
        triple.add(key.getKey().toLowerCase(Locale.ROOT));
        triple.add(sortedSet(PolicyJson.texts(key.getValue()), UnaryOperator.identity()));
        triples.add(PolicyJson.write(triple));
      }
    }
    triples.forEach(triple -> result.add(PolicyJson.read(triple)));
    return result;
  }

  private static ArrayNode sortedSet(Collection<String> values, UnaryOperator<String> normalize) {
    SortedSet<String> sorted = new TreeSet<>();
    values.forEach(value -> sorted.add(normalize.apply(value)));
    return PolicyJson.array(sorted);
  }

  // Unknown elements: object keys sorted, arrays left in order.
  private static JsonNode generic(JsonNode node) {
    if (node == null) {
      return PolicyJson.MAPPER.nullNode();
    }
    if (node.isObject()) {
      ObjectNode result = PolicyJson.MAPPER.createObjectNode();
      sortedFields(node).forEach(field -> result.set(field, generic(node.get(field))));
      return result;
    }
    if (node.isArray()) {
      ArrayNode result = PolicyJson.MAPPER.createArrayNode();
      node.forEach(element -> result.add(generic(element)));
      return result;
    }
    return node;
  }

  private static SortedSet<String> sortedFields(JsonNode node) {
    SortedSet<String> fields = new TreeSet<>();
    node.fieldNames().forEachRemaining(fields::add);
    return fields;
  }
}
