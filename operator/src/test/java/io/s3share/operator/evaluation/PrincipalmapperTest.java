package io.s3share.operator.evaluation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalmapperTest {

  @Test
  void aMissingVenvFailsTheCrossCheckNamingTheScriptThatInstallsIt(@TempDir Path empty) {
    assertThatThrownBy(() -> Principalmapper.python(empty.resolve("principalmapper-1.1.5")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not installed in")
        .hasMessageContaining("run scripts/provision-principalmapper.sh");
  }
}
