package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnNamespaceTest {

  @TempDir Path dir;

  @Test
  void inAClusterThePodsNamespaceWins() throws IOException {
    Path file = Files.writeString(dir.resolve("namespace"), "s3share-system\n");
    assertThat(OwnNamespace.of(file, Optional.of("from-kubeconfig"))).isEqualTo("s3share-system");
  }

  @Test
  void outsideAClusterTheKubeconfigsNamespaceThenDefault() {
    Path missing = dir.resolve("missing");
    assertThat(OwnNamespace.of(missing, Optional.of("team-dev"))).isEqualTo("team-dev");
    assertThat(OwnNamespace.of(missing, Optional.empty())).isEqualTo("default");
    assertThat(OwnNamespace.of(missing, Optional.of(" "))).isEqualTo("default");
  }
}
