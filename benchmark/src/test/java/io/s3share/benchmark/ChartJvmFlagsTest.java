package io.s3share.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChartJvmFlagsTest {

  static final Path PROJECT = Path.of(System.getProperty("benchmark.projectDir", ".."));

  @Test
  void aCandidateNamingNoCollectorRunsTheContainersSerialOne() {
    assertThat(ChartJvmFlags.with(PROJECT, "-Xss256k"))
        .contains("-XX:+UseSerialGC", "-Xss256k", "-XX:+ExitOnOutOfMemoryError")
        .anyMatch(f -> f.startsWith("-XX:MaxRAM="));
  }

  @Test
  void aCandidateNamingACollectorKeepsIt() {
    assertThat(ChartJvmFlags.with(PROJECT, "-XX:+UseG1GC -XX:G1PeriodicGCInterval=10000"))
        .contains("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=10000")
        .doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void quantitiesInMiAndGi() {
    assertThat(ChartJvmFlags.megabytes("384Mi")).isEqualTo(384);
    assertThat(ChartJvmFlags.megabytes("1Gi")).isEqualTo(1024);
  }
}
