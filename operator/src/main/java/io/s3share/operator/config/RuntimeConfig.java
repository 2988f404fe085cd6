package io.s3share.operator.config;

import java.util.Map;
import java.util.Optional;

/**
 * How the operator process runs in its pod, read once from the environment; immutable.
 *
 * @param httpPort port of the health and metrics endpoint ({@code S3SHARE_HTTP_PORT}, default 8080)
 * @param leaseNamespace when present, only the replica holding the Lease {@code leaseName} in this
 *     namespace reconciles ({@code S3SHARE_LEADER_ELECTION_NAMESPACE})
 * @param leaseName the Lease's name ({@code S3SHARE_LEADER_ELECTION_LEASE_NAME})
 */
public record RuntimeConfig(int httpPort, Optional<String> leaseNamespace, String leaseName) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_LEASE_NAME = "s3-share-operator";

  public RuntimeConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("S3SHARE_HTTP_PORT must be 0-65535, got: " + httpPort);
    }
    if (leaseName == null || leaseName.isBlank()) {
      throw new IllegalArgumentException("S3SHARE_LEADER_ELECTION_LEASE_NAME must not be blank");
    }
  }

  public static RuntimeConfig fromEnvironment(Map<String, String> env) {
    String port = env.getOrDefault("S3SHARE_HTTP_PORT", "").trim();
    int httpPort;
    try {
      httpPort = port.isEmpty() ? DEFAULT_HTTP_PORT : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("S3SHARE_HTTP_PORT must be a number, got: " + port, e);
    }
    return new RuntimeConfig(
        httpPort,
        Optional.ofNullable(env.get("S3SHARE_LEADER_ELECTION_NAMESPACE"))
            .map(String::trim)
            .filter(ns -> !ns.isEmpty()),
        env.getOrDefault("S3SHARE_LEADER_ELECTION_LEASE_NAME", DEFAULT_LEASE_NAME).trim());
  }

  /** Whether replicas elect a leader through a Lease. */
  public boolean leaderElection() {
    return leaseNamespace.isPresent();
  }
}
