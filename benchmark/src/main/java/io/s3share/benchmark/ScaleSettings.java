package io.s3share.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The sizes, latencies and periods of one scale benchmark run, read from system properties so that
 * {@code ./mvnw -Pbenchmark verify -Dbenchmark.shares=50} changes them without a rebuild.
 *
 * @param projectDir the repository's root: CRDs and the chart's values are read from there
 * @param operatorJar the operator's packaged jar, with its runtime dependencies in {@code lib/}
 * @param shares BucketShares in S1 and S2, spread evenly over the buckets
 * @param buckets buckets the shares are spread over
 * @param latency the delay added to every AWS call but IAM's
 * @param iamLatency the delay added to every IAM call
 * @param parallelism the naive writer's threads: the operator's reconcile pool (JOSDK's default,
 *     50)
 * @param createThreads threads creating shares through the API server, as a burst of applies would
 * @param resync the operator's resync period in S2
 * @param resyncs resync periods S2 watches the idle operator for
 * @param roles CrossAccountRoles in S4
 * @param scenarios which of S1 to S4 to run; the others build on S1's shares and buckets
 */
public record ScaleSettings(
    Path projectDir,
    Path operatorJar,
    int shares,
    int buckets,
    Duration latency,
    Duration iamLatency,
    int parallelism,
    int createThreads,
    Duration resync,
    int resyncs,
    int roles,
    List<String> scenarios) {

  public ScaleSettings {
    if (shares < buckets || buckets < 1) {
      throw new IllegalArgumentException(
          "benchmark.shares must be at least benchmark.buckets (at least 1), got "
              + shares
              + " shares over "
              + buckets
              + " buckets");
    }
    if (parallelism < 1 || createThreads < 1 || resyncs < 1 || roles < 1) {
      throw new IllegalArgumentException(
          "benchmark.parallelism, benchmark.createThreads, benchmark.resyncs and benchmark.roles"
              + " must be positive");
    }
    if (!List.of("S1", "S2", "S3", "S4").containsAll(scenarios) || !scenarios.contains("S1")) {
      throw new IllegalArgumentException(
          "benchmark.scenarios must list S1, and any of S2, S3 and S4 after it (comma-separated),"
              + " got "
              + scenarios);
    }
  }

  /** The settings the system properties name, with the sizes as defaults. */
  public static ScaleSettings fromSystemProperties() {
    return from(System.getProperties());
  }

  static ScaleSettings from(Properties p) {
    Function<String, String> get = key -> p.getProperty("benchmark." + key);
    return new ScaleSettings(
        Path.of(or(get, "projectDir", "..")).toAbsolutePath().normalize(),
        Path.of(or(get, "operatorJar", "../operator/target/s3-share-operator.jar")),
        number(get, "shares", 500),
        number(get, "buckets", 10),
        duration(get, "latency", "PT0.05S"),
        duration(get, "iamLatency", "PT0.15S"),
        number(get, "parallelism", 50),
        number(get, "createThreads", 8),
        duration(get, "resync", "PT20S"),
        number(get, "resyncs", 3),
        number(get, "roles", 200),
        Arrays.stream(or(get, "scenarios", "S1,S2,S3,S4").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList());
  }

  /** The same settings with other sizes: the smoke run's. */
  public ScaleSettings withSizes(int shares, int buckets, List<String> scenarios) {
    return new ScaleSettings(
        projectDir,
        operatorJar,
        shares,
        buckets,
        latency,
        iamLatency,
        parallelism,
        createThreads,
        resync,
        resyncs,
        roles,
        scenarios);
  }

  /** The delay per AWS service, by the name each request is signed for. */
  Map<String, Duration> latencyByService() {
    return Map.of("iam", iamLatency);
  }

  private static String or(Function<String, String> get, String key, String fallback) {
    String value = get.apply(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int number(Function<String, String> get, String key, int fallback) {
    String value = or(get, key, String.valueOf(fallback));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "benchmark." + key + " must be a whole number such as " + fallback + ", got " + value, e);
    }
  }

  private static Duration duration(Function<String, String> get, String key, String fallback) {
    String value = or(get, key, fallback);
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "benchmark."
              + key
              + " must be an ISO-8601 duration such as "
              + fallback
              + ", got "
              + value,
          e);
    }
  }
}
