package io.s3share.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JVM options the Helm chart runs the operator with, taken from its values.yaml, for a JVM
 * started outside a container: the container's memory limit becomes {@code -XX:MaxRAM}.
 */
final class ChartJvmFlags {

  private static final String VALUES = "helm/s3-share-operator/values.yaml";

  private ChartJvmFlags() {}

  /** The options, e.g. {@code -XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:+UseSerialGC ...}. */
  static List<String> of(Path projectDir) {
    JsonNode root = values(projectDir);
    return with(projectDir, root.path("jvm").path("options").asText(""));
  }

  /**
   * The chart's container limit and heap percentage with other options than its {@code
   * jvm.options}: S5's candidates. Later options win, so a candidate may set {@code -Xmx}.
   *
   * @param options space-separated, e.g. {@code -XX:+UseSerialGC -Xss256k}
   */
  static List<String> with(Path projectDir, String options) {
    JsonNode root = values(projectDir);
    String percentage = root.path("jvm").path("maxRamPercentage").asText();
    String limit = root.path("resources").path("limits").path("memory").asText();
    if (percentage.isEmpty() || limit.isEmpty()) {
      throw new IllegalStateException(
          projectDir
              + "/"
              + VALUES
              + " has no jvm.maxRamPercentage or resources.limits.memory to run the operator with");
    }
    List<String> flags = new ArrayList<>();
    // In a container the JVM takes the cgroup's limit for the machine's memory.
    flags.add("-XX:MaxRAM=" + megabytes(limit) + "m");
    flags.add("-XX:MaxRAMPercentage=" + percentage);
    List<String> extra =
        Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    if (extra.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
      // What the JVM's ergonomics choose in a container under 1,792 MiB: it is no "server class
      // machine" there, so it runs the serial collector. Outside one it would pick G1.
      flags.add("-XX:+UseSerialGC");
    }
    flags.addAll(extra);
    // The rest of the chart's JAVA_TOOL_OPTIONS (templates/deployment.yaml).
    flags.add("-XX:+ExitOnOutOfMemoryError");
    return List.copyOf(flags);
  }

  private static JsonNode values(Path projectDir) {
    Path values = projectDir.resolve(VALUES);
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(values.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart's values at " + values, e);
    }
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
