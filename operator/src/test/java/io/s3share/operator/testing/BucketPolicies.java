package io.s3share.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.aws.AccountClients;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads and arranges bucket policies as the bucket owner's administrator would. */
public final class BucketPolicies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BucketPolicies() {}

  /** The bucket's statements, or empty when it has no policy. */
  public static List<ObjectNode> statements(AccountClients admin, String bucket) {
    return document(admin, bucket)
        .map(
            doc -> {
              List<ObjectNode> statements = new ArrayList<>();
              doc.path("Statement").forEach(s -> statements.add((ObjectNode) s));
              return statements;
            })
        .orElse(List.of());
  }

  public static Optional<JsonNode> document(AccountClients admin, String bucket) {
    try {
      String policy = admin.s3().getBucketPolicy(b -> b.bucket(bucket)).policy();
      return Optional.of(JSON.readTree(policy));
    } catch (S3Exception e) {
      if ("NoSuchBucketPolicy".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Statements whose Sid starts with {@code prefix}. */
  public static List<ObjectNode> withSidPrefix(List<ObjectNode> statements, String prefix) {
    return statements.stream().filter(s -> s.path("Sid").asText("").startsWith(prefix)).toList();
  }

  /** Writes the policy as a foreign writer (a human, Terraform, another tool) would. */
  public static void put(AccountClients admin, String bucket, List<? extends JsonNode> statements) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("Version", "2012-10-17");
    doc.putArray("Statement").addAll(statements);
    admin.s3().putBucketPolicy(b -> b.bucket(bucket).policy(doc.toString()));
  }

  /** A statement nobody but its author owns: the kind the operator must never touch. */
  public static ObjectNode foreignStatement(String sid, String bucket, String account) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", "arn:aws:iam::" + account + ":root");
    statement.put("Action", "s3:GetObject");
    statement.put("Resource", "arn:aws:s3:::" + bucket + "/public/*");
    return statement;
  }

  /** The statement without its Sid, for comparing what it grants. */
  public static ObjectNode withoutSid(ObjectNode statement) {
    ObjectNode copy = statement.deepCopy();
    copy.remove("Sid");
    return copy;
  }

  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
