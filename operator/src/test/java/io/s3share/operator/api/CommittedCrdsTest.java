package io.s3share.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed in {@code crds/} (what users and the Helm chart install) are exactly what
 * crd-generator makes from the Java types in this build.
 */
class CommittedCrdsTest {

  static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8");
  static final Path COMMITTED = Path.of(System.getProperty("crds.committed.dir", "../crds"));
  static final Path CHART =
      Path.of(System.getProperty("crds.chart.dir", "../helm/s3-share-operator/crds"));
  static final String HOW_TO_FIX =
      "crds/ is stale: run ./mvnw -pl operator -Pupdate-crds process-classes and commit crds/"
          + " and helm/s3-share-operator/crds/";

  @Test
  void everyGeneratedCrdIsCommittedUnchanged() throws IOException {
    assertSameAsGenerated(COMMITTED);
  }

  @Test
  void theHelmChartShipsTheSameCrds() throws IOException {
    assertSameAsGenerated(CHART);
    List<String> generated = crds(GENERATED).stream().map(p -> p.getFileName().toString()).toList();
    assertThat(crds(CHART).stream().map(p -> p.getFileName().toString()))
        .as(HOW_TO_FIX)
        .containsExactlyInAnyOrderElementsOf(generated);
  }

  private static void assertSameAsGenerated(Path dir) throws IOException {
    List<Path> generated = crds(GENERATED);
    assertThat(generated).isNotEmpty();
    for (Path file : generated) {
      Path committed = dir.resolve(file.getFileName());
      assertThat(committed).as(HOW_TO_FIX).exists();
      assertThat(Files.readString(committed))
          .as(HOW_TO_FIX + " (" + file.getFileName() + ")")
          .isEqualTo(Files.readString(file));
    }
  }

  @Test
  void noCommittedCrdLacksAJavaType() throws IOException {
    List<String> generated = crds(GENERATED).stream().map(p -> p.getFileName().toString()).toList();
    assertThat(crds(COMMITTED).stream().map(p -> p.getFileName().toString()))
        .as(HOW_TO_FIX)
        .allMatch(generated::contains);
  }

  private static List<Path> crds(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith("-v1.yml")).sorted().toList();
    }
  }
}
