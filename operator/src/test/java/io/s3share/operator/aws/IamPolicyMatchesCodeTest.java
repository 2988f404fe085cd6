package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operator-iam-policy.json} grants exactly the IAM actions the code names when it calls
 * AWS through {@link AwsCall}: nothing missing (the operator would fail with AccessDenied) and
 * nothing extra (least privilege). {@code sts:GetCallerIdentity} is left out: AWS answers it for
 * every identity, whatever its policies say.
 */
class IamPolicyMatchesCodeTest {

  static final Path AWS_SOURCES = Path.of("src/main/java/io/s3share/operator/aws");
  static final Path POLICY =
      Path.of(System.getProperty("project.root.dir", ".."))
          .resolve("docs/operator-iam-policy.json");

  /**
   * The action argument: the string literal after {@code AwsCall.run(} or {@code exec(}'s account.
   */
  private static final Pattern ACTION_ARGUMENT =
      Pattern.compile(
          "AwsCall\\.(?:run|exec)\\(\\s*[^,]+,\\s*\"((?:s3|iam|sts|kms):[A-Za-z]+)\"",
          Pattern.DOTALL);

  static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

  @Test
  void policyListsExactlyTheActionsTheCodeCalls() throws IOException {
    Set<String> called = calledActions();
    called.removeAll(NEED_NO_PERMISSION);
    assertThat(called).as("actions found in %s", AWS_SOURCES).hasSizeGreaterThan(10);
    assertThat(policyActions())
        .as("docs/operator-iam-policy.json must allow exactly the actions the code calls")
        .containsExactlyInAnyOrderElementsOf(called);
  }

  @Test
  void scannerFindsTheActionArgumentOnly() {
    String source =
        """
        AwsCall.exec(
            account,
            "s3:PutBucketPolicy",
            bucket,
            () -> s3.putBucketPolicy(b -> b.policy(grant("s3:GetObject"))));
        """;
    Matcher m = ACTION_ARGUMENT.matcher(source);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("s3:PutBucketPolicy");
    assertThat(m.find()).isFalse();
  }

  static Set<String> calledActions() throws IOException {
    Set<String> actions = new TreeSet<>();
    try (Stream<Path> files = Files.list(AWS_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = ACTION_ARGUMENT.matcher(Files.readString(file));
        while (m.find()) {
          actions.add(m.group(1));
        }
      }
    }
    return actions;
  }

  static Set<String> policyActions() throws IOException {
    JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      JsonNode action = statement.get("Action");
      if (action.isArray()) {
        action.forEach(a -> actions.add(a.asText()));
      } else {
        actions.add(action.asText());
      }
    }
    return actions;
  }
}
