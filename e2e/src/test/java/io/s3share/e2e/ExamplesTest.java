package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in {@code examples/} explains itself in a comment at the top and holds one s3share.io
 * resource; together they cover every kind. (ExamplesUnderChartRbacIT drives each to Ready.)
 */
class ExamplesTest {

  @Test
  void everyExampleIsDocumentedAtTheTopAndIsOneS3shareResource() throws IOException {
    List<Path> files = examples();
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      long comment = lines.stream().takeWhile(l -> l.startsWith("#")).count();
      assertThat(comment)
          .as("%s starts with a comment of 2+ lines", file.getFileName())
          .isGreaterThan(1);
      GenericKubernetesResource resource =
          Serialization.unmarshal(Files.readString(file), GenericKubernetesResource.class);
      assertThat(resource.getApiVersion()).as("%s", file).isEqualTo("s3share.io/v1alpha1");
      assertThat(resource.getMetadata().getName()).as("%s", file).isNotBlank();
    }
  }

  @Test
  void theExamplesCoverEveryKind() throws IOException {
    List<String> kinds =
        examples().stream()
            .map(
                f -> {
                  try {
                    return Serialization.unmarshal(
                            Files.readString(f), GenericKubernetesResource.class)
                        .getKind();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .toList();
    assertThat(kinds).containsAll(ArgoCdHealthTest.KINDS);
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Project.EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
