package io.s3share.operator.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the operator process runs in its pod, read once from the environment; immutable.
 *
 * @param httpPort port of the health and metrics endpoint ({@code S3SHARE_HTTP_PORT}, default 8080)
 * @param leaseNamespace when present, only the replica holding the Lease {@code leaseName} in this
 *     namespace reconciles; empty only when leader election is switched off ({@code
 *     S3SHARE_LEADER_ELECTION=false})
 * @param leaseName the Lease's name ({@code S3SHARE_LEADER_ELECTION_LEASE_NAME})
 * @param shutdownTimeout how long a stop waits for reconciles in flight ({@code
 *     S3SHARE_SHUTDOWN_TIMEOUT}, default 20 s: under Kubernetes' default 30 s grace period)
 */
public record RuntimeConfig(
    int httpPort, Optional<String> leaseNamespace, String leaseName, Duration shutdownTimeout) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_LEASE_NAME = "s3-share-operator";
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

  public RuntimeConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("S3SHARE_HTTP_PORT must be 0-65535, got: " + httpPort);
    }
    if (leaseName == null || leaseName.isBlank()) {
      throw new IllegalArgumentException("S3SHARE_LEADER_ELECTION_LEASE_NAME must not be blank");
    }
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("S3SHARE_SHUTDOWN_TIMEOUT must not be negative");
    }
  }

  /** As {@link #fromEnvironment(Map, Supplier)}, with {@code default} as the own namespace. */
  public static RuntimeConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, () -> "default");
  }

  /**
   * Leader election is on unless {@code S3SHARE_LEADER_ELECTION=false}, even at one replica: a
   * rolling update briefly runs two pods, and only one of them may write.
   *
   * @param ownNamespace the operator's own namespace, where its Lease lives unless {@code
   *     S3SHARE_LEADER_ELECTION_NAMESPACE} says otherwise; asked only when needed
   */
  public static RuntimeConfig fromEnvironment(
      Map<String, String> env, Supplier<String> ownNamespace) {
    String port = env.getOrDefault("S3SHARE_HTTP_PORT", "").trim();
    int httpPort;
    try {
      httpPort = port.isEmpty() ? DEFAULT_HTTP_PORT : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("S3SHARE_HTTP_PORT must be a number, got: " + port, e);
    }
    Optional<String> leaseNamespace =
        leaderElection(env.get("S3SHARE_LEADER_ELECTION"))
            ? Optional.of(
                Optional.ofNullable(env.get("S3SHARE_LEADER_ELECTION_NAMESPACE"))
                    .map(String::trim)
                    .filter(ns -> !ns.isEmpty())
                    .orElseGet(ownNamespace))
            : Optional.empty();
    return new RuntimeConfig(
        httpPort,
        leaseNamespace,
        env.getOrDefault("S3SHARE_LEADER_ELECTION_LEASE_NAME", DEFAULT_LEASE_NAME).trim(),
        shutdownTimeout(env.get("S3SHARE_SHUTDOWN_TIMEOUT")));
  }

  /** Whether replicas elect a leader through a Lease. */
  public boolean leaderElection() {
    return leaseNamespace.isPresent();
  }

  private static boolean leaderElection(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "S3SHARE_LEADER_ELECTION must be true (the default) or false, got: " + value);
    };
  }

  private static Duration shutdownTimeout(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_SHUTDOWN_TIMEOUT;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "S3SHARE_SHUTDOWN_TIMEOUT must be an ISO-8601 duration such as PT20S, got: " + value, e);
    }
  }
}
