package io.s3share.operator.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.aws.AccountClients;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Arranges and reads KMS keys and bucket encryption on moto through the SDK, for ITs. */
final class KmsKeys {

  static final ObjectMapper JSON = new ObjectMapper();

  private KmsKeys() {}

  static KeyMetadata create(AccountClients admin, String description) {
    return admin.kms().createKey(b -> b.description(description)).keyMetadata();
  }

  /** The bucket encrypts new objects with the key (an ARN or id), or aws/s3 when null. */
  static void encrypt(AccountClients admin, String bucket, String keyId, boolean bucketKey) {
    admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(bucket)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.bucketKeyEnabled(bucketKey)
                                        .applyServerSideEncryptionByDefault(
                                            d ->
                                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                    .kmsMasterKeyID(keyId)))));
  }

  static String policy(AccountClients admin, String keyId) {
    return admin.kms().getKeyPolicy(b -> b.keyId(keyId).policyName("default")).policy();
  }

  /** Writes the key policy as another writer (a key administrator) would. */
  static void put(AccountClients admin, String keyId, List<? extends JsonNode> statements) {
    ObjectNode document = JSON.createObjectNode();
    document.put("Version", "2012-10-17");
    document.put("Id", "key-consolepolicy-3");
    document.set("Statement", JSON.valueToTree(statements));
    admin.kms().putKeyPolicy(b -> b.keyId(keyId).policyName("default").policy(document.toString()));
  }

  /** The size of the key policy {@link #put} writes for these statements, minified. */
  static int minifiedSize(List<? extends JsonNode> statements) {
    ObjectNode document = JSON.createObjectNode();
    document.put("Version", "2012-10-17");
    document.put("Id", "key-consolepolicy-3");
    document.set("Statement", JSON.valueToTree(statements));
    return document.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static List<ObjectNode> statements(AccountClients admin, String keyId) {
    try {
      List<ObjectNode> all = new ArrayList<>();
      JSON.readTree(policy(admin, keyId)).get("Statement").forEach(s -> all.add((ObjectNode) s));
      return all;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> withSidPrefix(List<ObjectNode> statements, String prefix) {
    return statements.stream().filter(s -> s.path("Sid").asText("").startsWith(prefix)).toList();
  }

  /** The principals of a statement, as text. */
  static List<String> principals(JsonNode statement) {
    List<String> values = new ArrayList<>();
    JsonNode aws = statement.path("Principal").path("AWS");
    if (aws.isArray()) {
      aws.forEach(value -> values.add(value.asText()));
    } else if (!aws.isMissingNode()) {
      values.add(aws.asText());
    }
    return values;
  }

  static List<String> actions(JsonNode statement) {
    List<String> values = new ArrayList<>();
    JsonNode action = statement.path("Action");
    if (action.isArray()) {
      action.forEach(value -> values.add(value.asText()));
    } else {
      values.add(action.asText());
    }
    return values;
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
