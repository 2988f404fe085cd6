package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Policy sizes as AWS measures them: without whitespace. */
public final class PolicySize {

  private PolicySize() {}

  /** UTF-8 bytes of the minified JSON (S3 bucket and access point policy limits). */
  public static int minifiedBytes(JsonNode policy) {
    return PolicyJson.write(policy).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Characters of the minified JSON (IAM limits are counted in characters). */
  public static int minifiedChars(JsonNode policy) {
    String json = PolicyJson.write(policy);
    return json.codePointCount(0, json.length());
  }
}
