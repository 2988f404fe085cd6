package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Argo CD health Lua shipped with the chart, run with luaj over status fixtures: hand-written
 * edge cases and statuses captured from the real API server by {@link ExamplesUnderChartRbacIT}.
 */
class ArgoCdHealthTest {

  static final List<String> KINDS =
      List.of("AwsAccount", "BucketShare", "CrossAccountRole", "SharingPolicy", "SharedBucket");
  private final ArgoCdHealth health = ArgoCdHealth.fromFile(Project.HEALTH_LUA);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "no-status.json, Progressing",
    "ready.json, Healthy",
    "ready-but-generation-not-observed.json, Progressing",
    "reconciling.json, Progressing",
    "stalled.json, Degraded",
    "ready-false-no-reconciling.json, Progressing",
    "real-awsaccount-ready.json, Healthy",
    "real-bucketshare-ready.json, Healthy",
    "real-crossaccountrole-ready.json, Healthy",
    "real-bucketshare-stalled.json, Degraded",
  })
  void healthFollowsTheKstatusConditions(String fixture, String expected) throws IOException {
    ArgoCdHealth.Result result = health.evaluate(fixture(fixture));
    assertThat(result.status()).isEqualTo(expected);
    assertThat(result.message()).isNotBlank();
  }

  @Test
  void stalledCarriesTheOperatorsMessage() throws IOException {
    assertThat(health.evaluate(fixture("stalled.json")).message())
        .isEqualTo("Bucket example-missing does not exist in account 111111111111. Create it.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AwsAccount", "BucketShare", "CrossAccountRole", "SharingPolicy"})
  void theArgoCdSnippetShipsTheSameScriptForEveryKind(String kind) throws IOException {
    JsonNode cm = new YAMLMapper().readTree(Project.ARGOCD_SNIPPET.toFile());
    JsonNode script = cm.path("data").path("resource.customizations.health.s3share.io_" + kind);
    assertThat(script.isTextual()).as("snippet for %s", kind).isTrue();
    assertThat(script.asText()).isEqualTo(Files.readString(Project.HEALTH_LUA));
  }

  @Test
  void theSnippetCoversExactlyTheKinds() throws IOException {
    JsonNode cm = new YAMLMapper().readTree(Project.ARGOCD_SNIPPET.toFile());
    List<String> keys = new java.util.ArrayList<>();
    cm.path("data").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrderElementsOf(
            KINDS.stream().map(k -> "resource.customizations.health.s3share.io_" + k).toList());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ArgoCdHealthTest.class.getResourceAsStream("/argocd-status/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      new ObjectMapper().readTree(json);
      return json;
    }
  }
}
