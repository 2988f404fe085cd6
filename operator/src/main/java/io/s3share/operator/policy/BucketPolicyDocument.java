package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bucket policy as Version, optional Id and its statements in their original order.
 *
 * <p>Statements are kept as JSON trees, untouched, because most of them belong to someone else. The
 * nodes are copied in; treat the ones you get back as read-only.
 */
public record BucketPolicyDocument(
    String version, Optional<String> id, List<ObjectNode> statements) {

  /** The version for documents this operator creates. */
  public static final String CURRENT_VERSION = "2012-10-17";

  /** What AWS assumes when a document has no Version (policy variables are then literal). */
  public static final String IMPLIED_VERSION = "2008-10-17";

  public BucketPolicyDocument {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(id, "id");
    // Statements stay JSON trees because most belong to someone else and must round-trip as they
    // are. They are copied in; callers must treat the nodes they get back as read-only.
    statements =
        Objects.requireNonNull(statements, "statements").stream()
            .map(ObjectNode::deepCopy)
            .toList();
  }

  /** A new document in the current policy language. */
  public static BucketPolicyDocument create(List<ObjectNode> statements) {
    return new BucketPolicyDocument(CURRENT_VERSION, Optional.empty(), statements);
  }

  /**
   * Reads a policy. A single-object {@code Statement} becomes a one-element list. A missing Version
   * is kept as the implied 2008-10-17, so foreign statements keep their meaning.
   */
  public static BucketPolicyDocument parse(String json) {
    return fromJson(PolicyJson.read(json));
  }

  public static BucketPolicyDocument fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new InvalidPolicyException("a policy document must be a JSON object");
    }
    String version = textOrNull(root, "Version");
    String id = textOrNull(root, "Id");
    JsonNode statement = root.path("Statement");
    List<ObjectNode> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add((ObjectNode) statement);
    } else if (statement.isArray()) {
      for (JsonNode element : statement) {
        if (!element.isObject()) {
          throw new InvalidPolicyException("every Statement entry must be a JSON object");
        }
        statements.add((ObjectNode) element);
      }
    } else if (!statement.isMissingNode()) {
      throw new InvalidPolicyException("Statement must be an object or an array");
    }
    return new BucketPolicyDocument(
        version == null ? IMPLIED_VERSION : version, Optional.ofNullable(id), statements);
  }

  /** The same Version and Id with other statements. */
  public BucketPolicyDocument withStatements(List<ObjectNode> newStatements) {
    return new BucketPolicyDocument(version, id, newStatements);
  }

  public ObjectNode toJsonNode() {
    ObjectNode root = PolicyJson.MAPPER.createObjectNode();
    root.put("Version", version);
    id.ifPresent(value -> root.put("Id", value));
    ArrayNode array = root.putArray("Statement");
    statements.forEach(statement -> array.add(statement.deepCopy()));
    return root;
  }

  /** Minified JSON, as measured against the 20 KB limit. */
  public String toJson() {
    return PolicyJson.write(toJsonNode());
  }

  /** The statement's Sid when it is a string; anything else counts as no Sid. */
  public static Optional<String> sidOf(JsonNode statement) {
    JsonNode sid = statement.get("Sid");
    return sid != null && sid.isTextual() ? Optional.of(sid.asText()) : Optional.empty();
  }

  private static String textOrNull(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidPolicyException(field + " must be a string");
    }
    return node.asText();
  }
}
