package io.s3share.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The JVM options the Helm chart runs the operator with, taken from its values.yaml, for a JVM
 * started outside a container: the container's memory limit becomes {@code -XX:MaxRAM}.
 */
final class ChartJvmFlags {

  private ChartJvmFlags() {}

  /** The options, e.g. {@code -XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:+UseSerialGC ...}. */
  static List<String> of(Path projectDir) {
    Path values = projectDir.resolve("helm/s3-share-operator/values.yaml");
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(values.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart's values at " + values, e);
    }
    String percentage = root.path("jvm").path("maxRamPercentage").asText();
    String limit = root.path("resources").path("limits").path("memory").asText();
    if (percentage.isEmpty() || limit.isEmpty()) {
      throw new IllegalStateException(
          values
              + " has no jvm.maxRamPercentage or resources.limits.memory to run the operator with");
    }
    return List.of(
        // In a container the JVM takes the cgroup's limit for the machine's memory.
        "-XX:MaxRAM=" + megabytes(limit) + "m",
        "-XX:MaxRAMPercentage=" + percentage,
        // What the JVM's ergonomics choose in a container under 1,792 MiB: it is no "server class
        // machine" there, so it runs the serial collector. Outside one it would pick G1.
        "-XX:+UseSerialGC",
        // The rest of the chart's JAVA_TOOL_OPTIONS (templates/deployment.yaml).
        "-XX:+ExitOnOutOfMemoryError");
  }

  /** Kubernetes quantities as the chart writes them: {@code 512Mi}, {@code 1Gi}. */
  static long megabytes(String quantity) {
    String q = quantity.trim().toLowerCase(Locale.ROOT);
    if (q.endsWith("mi")) {
      return Long.parseLong(q.substring(0, q.length() - 2));
    }
    if (q.endsWith("gi")) {
      return Long.parseLong(q.substring(0, q.length() - 2)) * 1024;
    }
    throw new IllegalArgumentException(
        "the chart's memory limit must be given in Mi or Gi, such as 512Mi, got " + quantity);
  }
}
