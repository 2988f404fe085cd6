package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** What the KMS adapter puts on the wire when it writes a key policy. */
class KmsKeyPoliciesTest {

  static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";

  /** Keeps the marshalled request body and stops the call before it leaves the process. */
  static final class Capture implements ExecutionInterceptor {
    final AtomicReference<String> body = new AtomicReference<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      context
          .requestBody()
          .ifPresent(
              request -> {
                try (InputStream in = request.contentStreamProvider().newStream()) {
                  body.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      throw new IllegalStateException("captured; not sent");
    }
  }

  @Test
  void putKeyPolicyNamesTheDefaultPolicyAndNeverBypassesTheLockoutCheck() throws Exception {
    Capture capture = new Capture();
    try (KmsClient kms =
        KmsClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
            .overrideConfiguration(c -> c.addExecutionInterceptor(capture))
            .build()) {
      String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

      assertThatThrownBy(() -> new KmsKeyPolicies(kms, "111122223333").write(KEY, policy))
          .hasMessageContaining("captured; not sent");

      JsonNode sent = new ObjectMapper().readTree(capture.body.get());
      assertThat(sent.get("KeyId").asText()).isEqualTo(KEY);
      assertThat(sent.get("PolicyName").asText()).isEqualTo("default");
      assertThat(sent.get("Policy").asText()).isEqualTo(policy);
      // Present and false: never left to a default, never true.
      assertThat(sent.has("BypassPolicyLockoutSafetyCheck")).isTrue();
      assertThat(sent.get("BypassPolicyLockoutSafetyCheck").isBoolean()).isTrue();
      assertThat(sent.get("BypassPolicyLockoutSafetyCheck").asBoolean()).isFalse();
    }
  }
}
