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
 * @param scenarios which of S1 to S6 to run; the others build on S1's shares and buckets
 * @param memory S5's sizes and the JVM options it compares
 * @param policies S6's sizes
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
    List<String> scenarios,
    MemorySettings memory,
    PolicySettings policies) {

  static final List<String> SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5", "S6");

  /**
   * S5: the shares and roles the operator caches when its memory is measured, and the JVM options
   * tried beside the chart's.
   *
   * @param shares BucketShares in all, S1's included, 100 per bucket beyond S1's buckets
   * @param roles CrossAccountRoles in all, S4's included
   * @param candidates JVM option sets to measure besides the chart's, each as one string
   */
  public record MemorySettings(int shares, int roles, List<String> candidates) {}

  /**
   * S6: SharingPolicies, the namespaces they select (one policy each, round-robin) and the shares
   * spread over those namespaces.
   */
  public record PolicySettings(int policies, int namespaces, int shares) {}

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
    if (!SCENARIOS.containsAll(scenarios) || !scenarios.contains("S1")) {
      throw new IllegalArgumentException(
          "benchmark.scenarios must list S1, and any of S2 to S6 after it (comma-separated), got "
              + scenarios);
    }
    if (memory.shares() < shares || memory.roles() < 0) {
      throw new IllegalArgumentException(
          "benchmark.memoryShares must be at least benchmark.shares ("
              + shares
              + "), got "
              + memory.shares());
    }
    if (policies.policies() < 2 || policies.namespaces() < 1 || policies.shares() < 1) {
      throw new IllegalArgumentException(
          "benchmark.policies must be at least 2 (one namespace moves from one to another),"
              + " benchmark.policyNamespaces and benchmark.policyShares at least 1");
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
        Arrays.stream(or(get, "scenarios", String.join(",", SCENARIOS)).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList(),
        new MemorySettings(
            number(get, "memoryShares", DEFAULT_MEMORY_SHARES),
            number(get, "memoryRoles", DEFAULT_MEMORY_ROLES),
            // Sets of options separated by |, e.g. "-Xss256k|-XX:TieredStopAtLevel=1".
            Arrays.stream(or(get, "memoryFlags", "").split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()),
        new PolicySettings(
            number(get, "policies", 100),
            number(get, "policyNamespaces", 50),
            number(get, "policyShares", DEFAULT_POLICY_SHARES)));
  }

  // Below the report's 10,000 shares, 1,000 roles and 5,000 shares so that the whole run stays
  // well under 30 minutes on 2 cores; docs/benchmark.md gives the figures at full size.
  static final int DEFAULT_MEMORY_SHARES = 2000;
  static final int DEFAULT_MEMORY_ROLES = 500;
  static final int DEFAULT_POLICY_SHARES = 2000;

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
        scenarios,
        memory,
        policies);
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
