package io.s3share.operator.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The operator's settings, read once at start-up from the environment; immutable.
 *
 * @param installationId marks this installation's policy statements; two clusters that share a
 *     bucket must use different ids so that neither removes the other's statements
 * @param resyncPeriod how often every resource is re-checked against AWS to undo drift
 * @param watchNamespaces namespaces to watch; empty means all
 * @param eventNamespace where events about cluster-scoped resources are recorded
 * @param permissionsBoundaryArn a managed policy every CrossAccountRole gets as its permissions
 *     boundary; a resource can neither remove it nor pick another one
 * @param sharingPolicies {@code Enforce} (default): shares need a SharingPolicy that allows them;
 *     {@code Disabled}: an explicit opt-out for single-team clusters
 * @param objectAclSampleLimit the most object ACLs one posture read samples per bucket and set of
 *     prefixes ({@code S3SHARE_OBJECT_ACL_SAMPLE_LIMIT}, default 20; 0 switches sampling off)
 * @param policyBatching how converges of shares on one bucket are gathered into one policy write
 */
public record OperatorConfig(
    String installationId,
    Duration resyncPeriod,
    Set<String> watchNamespaces,
    String eventNamespace,
    Optional<String> permissionsBoundaryArn,
    SharingPolicyMode sharingPolicies,
    int objectAclSampleLimit,
    PolicyBatching policyBatching) {

  public static final String DEFAULT_INSTALLATION_ID = "default";
  public static final int DEFAULT_OBJECT_ACL_SAMPLE_LIMIT = 20;
  public static final int MAX_OBJECT_ACL_SAMPLE_LIMIT = 1000;
  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);
  private static final Pattern INSTALLATION_ID = Pattern.compile("[a-z0-9]{1,16}");
  private static final Pattern POLICY_ARN =
      Pattern.compile("arn:aws:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]{1,512}");

  public OperatorConfig {
    Objects.requireNonNull(installationId, "installationId");
    if (!INSTALLATION_ID.matcher(installationId).matches()) {
      throw new IllegalArgumentException(
          "S3SHARE_INSTALLATION_ID must be 1-16 lowercase letters or digits, got: "
              + installationId);
    }
    if (resyncPeriod.isNegative() || resyncPeriod.isZero()) {
      throw new IllegalArgumentException("S3SHARE_RESYNC_PERIOD must be positive");
    }
    watchNamespaces = Set.copyOf(watchNamespaces);
    Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
    Objects.requireNonNull(sharingPolicies, "sharingPolicies");
    Objects.requireNonNull(policyBatching, "policyBatching");
    if (objectAclSampleLimit < 0 || objectAclSampleLimit > MAX_OBJECT_ACL_SAMPLE_LIMIT) {
      throw new IllegalArgumentException(
          "S3SHARE_OBJECT_ACL_SAMPLE_LIMIT must be 0-"
              + MAX_OBJECT_ACL_SAMPLE_LIMIT
              + ", got: "
              + objectAclSampleLimit);
    }
    permissionsBoundaryArn.ifPresent(
        arn -> {
          if (!POLICY_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException(
                "S3SHARE_PERMISSIONS_BOUNDARY_ARN must be a managed policy ARN such as"
                    + " arn:aws:iam::111122223333:policy/boundary, got: "
                    + arn);
          }
        });
  }

  /** Settings with the default batching of bucket-policy writes. */
  public OperatorConfig(
      String installationId,
      Duration resyncPeriod,
      Set<String> watchNamespaces,
      String eventNamespace,
      Optional<String> permissionsBoundaryArn,
      SharingPolicyMode sharingPolicies,
      int objectAclSampleLimit) {
    this(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        permissionsBoundaryArn,
        sharingPolicies,
        objectAclSampleLimit,
        PolicyBatching.defaults());
  }

  /** Settings with the default object-ACL sample limit. */
  public OperatorConfig(
      String installationId,
      Duration resyncPeriod,
      Set<String> watchNamespaces,
      String eventNamespace,
      Optional<String> permissionsBoundaryArn,
      SharingPolicyMode sharingPolicies) {
    this(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        permissionsBoundaryArn,
        sharingPolicies,
        DEFAULT_OBJECT_ACL_SAMPLE_LIMIT);
  }

  /** Settings without a default permissions boundary, enforcing SharingPolicies. */
  public OperatorConfig(
      String installationId,
      Duration resyncPeriod,
      Set<String> watchNamespaces,
      String eventNamespace) {
    this(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        Optional.empty(),
        SharingPolicyMode.Enforce);
  }

  /** The same settings with SharingPolicies enforced or not. */
  public OperatorConfig withSharingPolicies(SharingPolicyMode mode) {
    return new OperatorConfig(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        permissionsBoundaryArn,
        mode,
        objectAclSampleLimit,
        policyBatching);
  }

  /** The same settings with another object-ACL sample limit. */
  public OperatorConfig withObjectAclSampleLimit(int limit) {
    return new OperatorConfig(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        permissionsBoundaryArn,
        sharingPolicies,
        limit,
        policyBatching);
  }

  /** The same settings with another batching of bucket-policy writes. */
  public OperatorConfig withPolicyBatching(PolicyBatching batching) {
    return new OperatorConfig(
        installationId,
        resyncPeriod,
        watchNamespaces,
        eventNamespace,
        permissionsBoundaryArn,
        sharingPolicies,
        objectAclSampleLimit,
        batching);
  }

  /**
   * Defaults: installation {@code default}, resync every 10 minutes, all namespaces,
   * SharingPolicies enforced.
   */
  public static OperatorConfig defaults() {
    return new OperatorConfig(DEFAULT_INSTALLATION_ID, DEFAULT_RESYNC, Set.of(), "default");
  }

  /**
   * As {@link #fromEnvironment(Map, Supplier)}, with {@code default} when {@code
   * S3SHARE_INSTALLATION_ID} is not set: for tools and tests that run without a cluster of their
   * own. The operator itself derives the id from its cluster ({@link ClusterInstallationId}).
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, () -> DEFAULT_INSTALLATION_ID);
  }

  /**
   * Reads {@code S3SHARE_INSTALLATION_ID} (or, when it is not set, asks {@code
   * derivedInstallationId}), {@code S3SHARE_RESYNC_PERIOD} (ISO-8601, e.g. PT10M), {@code
   * S3SHARE_WATCH_NAMESPACES} (comma-separated) and {@code S3SHARE_EVENT_NAMESPACE} (or the pod's
   * {@code POD_NAMESPACE}), {@code S3SHARE_PERMISSIONS_BOUNDARY_ARN} and {@code
   * S3SHARE_SHARING_POLICIES} ({@code Enforce}, the default, or {@code Disabled}) and {@code
   * S3SHARE_OBJECT_ACL_SAMPLE_LIMIT}, and {@code S3SHARE_POLICY_BATCH_TIME} and {@code
   * S3SHARE_POLICY_BATCH_SIZE} ({@link PolicyBatching}).
   */
  public static OperatorConfig fromEnvironment(
      Map<String, String> env, Supplier<String> derivedInstallationId) {
    OperatorConfig defaults = defaults();
    String installationId =
        Optional.ofNullable(env.get(ClusterInstallationId.ENV))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .orElseGet(derivedInstallationId);
    String namespaces = env.getOrDefault("S3SHARE_WATCH_NAMESPACES", "").trim();
    return new OperatorConfig(
        installationId,
        parseDuration(env.get("S3SHARE_RESYNC_PERIOD"), defaults.resyncPeriod()),
        namespaces.isEmpty() ? Set.of() : Set.of(namespaces.split("\\s*,\\s*")),
        env.getOrDefault(
            "S3SHARE_EVENT_NAMESPACE",
            env.getOrDefault("POD_NAMESPACE", defaults.eventNamespace())),
        Optional.ofNullable(env.get("S3SHARE_PERMISSIONS_BOUNDARY_ARN"))
            .map(String::trim)
            .filter(arn -> !arn.isEmpty()),
        SharingPolicyMode.parse(env.get("S3SHARE_SHARING_POLICIES")),
        sampleLimit(env.get("S3SHARE_OBJECT_ACL_SAMPLE_LIMIT")),
        PolicyBatching.fromEnvironment(env));
  }

  private static int sampleLimit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_OBJECT_ACL_SAMPLE_LIMIT;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "S3SHARE_OBJECT_ACL_SAMPLE_LIMIT must be a whole number such as 20, got: " + value, e);
    }
  }

  private static Duration parseDuration(String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "S3SHARE_RESYNC_PERIOD must be an ISO-8601 duration such as PT10M, got: " + value, e);
    }
  }
}
