package io.s3share.operator.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds bucket-policy statements whose conditions test the ACL a request sends: once Object
 * Ownership is BucketOwnerEnforced, S3 accepts only {@code bucket-owner-full-control} or no ACL.
 */
public final class AclConditions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AclConditions() {}

  /**
   * The Sids (or {@code #<position>} for statements without one) of the statements that use {@code
   * s3:x-amz-acl} or {@code s3:x-amz-grant-*}; empty for a document that is not JSON.
   */
  public static List<String> in(String policy) {
    JsonNode root;
    try {
      root = JSON.readTree(policy);
    } catch (java.io.IOException e) {
      return List.of();
    }
    JsonNode statements = root == null ? null : root.get("Statement");
    if (statements == null) {
      return List.of();
    }
    List<JsonNode> all = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(all::add);
    } else {
      all.add(statements);
    }
    List<String> found = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonNode statement = all.get(i);
      if (testsAcl(statement.get("Condition"))) {
        JsonNode sid = statement.get("Sid");
        found.add(sid != null && !sid.asText().isEmpty() ? sid.asText() : "#" + (i + 1));
      }
    }
    return found;
  }

  private static boolean testsAcl(JsonNode condition) {
    if (condition == null || !condition.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
      JsonNode keys = ops.next().getValue();
      for (Iterator<String> names = keys.fieldNames(); names.hasNext(); ) {
        String key = names.next().toLowerCase(Locale.ROOT);
        if (key.equals("s3:x-amz-acl") || key.startsWith("s3:x-amz-grant-")) {
          return true;
        }
      }
    }
    return false;
  }
}
