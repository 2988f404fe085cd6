package io.s3share.operator.sharedbucket;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3share.operator.policy.BucketPolicyDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Finds bucket-policy statements that test {@code s3:x-amz-acl} or {@code s3:x-amz-grant-*}: once
 * ACLs are off, S3 accepts only uploads with bucket-owner-full-control or no ACL, so such
 * statements may deny or allow what no longer happens. Pure.
 */
final class AclConditionStatements {

  private AclConditionStatements() {}

  /** Sids (or {@code #index} for statements without one) of statements with such conditions. */
  static List<String> in(Optional<String> policy) {
    if (policy.filter(json -> !json.isBlank()).isEmpty()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    var statements = BucketPolicyDocument.parse(policy.get()).statements();
    for (int i = 0; i < statements.size(); i++) {
      JsonNode statement = statements.get(i);
      if (testsAcl(statement.path("Condition"))) {
        found.add(BucketPolicyDocument.sidOf(statement).orElse("#" + i));
      }
    }
    return List.copyOf(found);
  }

  private static boolean testsAcl(JsonNode condition) {
    for (JsonNode keys : condition) {
      for (Iterator<String> names = keys.fieldNames(); names.hasNext(); ) {
        String key = names.next().toLowerCase(java.util.Locale.ROOT);
        if (key.equals("s3:x-amz-acl") || key.startsWith("s3:x-amz-grant-")) {
          return true;
        }
      }
    }
    return false;
  }
}
