package io.s3share.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Waits for the sandbox's resources to become Ready and prints their status. */
final class StatusReport {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final KubernetesClient client;

  StatusReport(KubernetesClient client) {
    this.client = client;
  }

  /** True when every resource reported Ready=True within the timeout. */
  boolean awaitReady(List<HasMetadata> resources) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (resources.stream().allMatch(r -> "True".equals(ready(fetch(r)).get("status")))) {
        return true;
      }
      pause();
    }
    return false;
  }

  void print(List<HasMetadata> resources) {
    System.out.printf("%n%-20s %-24s %-6s %-22s %s%n", "KIND", "NAME", "READY", "REASON", "DETAIL");
    for (HasMetadata resource : resources) {
      GenericKubernetesResource current = fetch(resource);
      Map<String, Object> ready = ready(current);
      System.out.printf(
          "%-20s %-24s %-6s %-22s %s%n",
          resource.getKind(),
          resource.getMetadata().getName(),
          ready.getOrDefault("status", "-"),
          ready.getOrDefault("reason", "-"),
          detail(current));
      System.out.printf("%-20s %-24s %s%n", "", "", ready.getOrDefault("message", ""));
      status(current)
          .flatMap(StatusReport::posture)
          .ifPresent(line -> System.out.printf("%-20s %-24s %s%n", "", "", line));
    }
    System.out.println();
  }

  private GenericKubernetesResource fetch(HasMetadata resource) {
    var kind = client.genericKubernetesResources(resource.getApiVersion(), resource.getKind());
    String namespace = resource.getMetadata().getNamespace();
    return (namespace == null ? kind : kind.inNamespace(namespace))
        .withName(resource.getMetadata().getName())
        .get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ready(GenericKubernetesResource resource) {
    return status(resource)
        .map(s -> (List<Map<String, Object>>) s.get("conditions"))
        .flatMap(
            conditions ->
                conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst())
        .orElse(Map.of());
  }

  private static String detail(GenericKubernetesResource resource) {
    return status(resource).map(StatusReport::detail).orElse("");
  }

  /**
   * What each kind is about: the access point or the Sids of a share, the ARN of a role, the caller
   * of an account.
   */
  static String detail(Map<String, Object> s) {
    if (s.containsKey("aclMigration")) {
      return sharedBucketDetail(s);
    }
    return s.get("accessPoint") instanceof Map<?, ?> accessPoint && accessPoint.get("arn") != null
        ? accessPointDetail(accessPoint)
        : s.containsKey("statementIds")
            ? "statements " + s.get("statementIds")
            : s.containsKey("roleArn")
                ? "role " + s.get("roleArn")
                : s.containsKey("callerArn")
                    ? "acting as " + s.get("callerArn")
                    : s.containsKey("admitted") ? "admits " + s.get("admitted") : "";
  }

  /**
   * A share's view of its bucket: the posture findings (Blocking first, as status lists them) and
   * the KMS key policy the operator keeps for it.
   */
  static Optional<String> posture(Map<String, Object> s) {
    List<String> parts = new ArrayList<>();
    if (s.get("posture") instanceof Map<?, ?> posture) {
      List<?> findings = posture.get("findings") instanceof List<?> list ? list : List.of();
      parts.add(
          findings.isEmpty()
              ? "posture: no findings"
              : "posture: "
                  + findings.stream()
                      .filter(f -> f instanceof Map<?, ?>)
                      .map(f -> (Map<?, ?>) f)
                      .map(f -> f.get("reason") + " (" + f.get("severity") + ")")
                      .collect(Collectors.joining(", ")));
    }
    if (s.get("keyPolicy") instanceof Map<?, ?> key && key.get("keyArn") != null) {
      parts.add(
          "key policy of "
              + key.get("keyArn")
              + ": "
              + key.get("management")
              + (key.get("statementIds") instanceof List<?> sids && !sids.isEmpty()
                  ? ", statements " + sids
                  : ""));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
  }

  /** A SharedBucket: its Object Ownership, how far the ACL migration got, and the grants. */
  static String sharedBucketDetail(Map<String, Object> s) {
    List<?> grants = s.get("aclGrants") instanceof List<?> list ? list : List.of();
    long moved =
        grants.stream()
            .filter(g -> g instanceof Map<?, ?> grant && grant.get("statementId") != null)
            .count();
    long crossAccount =
        grants.stream()
            .filter(g -> g instanceof Map<?, ?> grant && grant.get("actions") != null)
            .count();
    return "ownership "
        + s.getOrDefault("objectOwnership", "-")
        + ", ACL migration "
        + s.get("aclMigration")
        + ", "
        + crossAccount
        + " cross-account ACL grant(s) found, "
        + moved
        + " moved into the bucket policy";
  }

  /** Consumers address the share by this ARN, or by the alias wherever a bucket name goes. */
  private static String accessPointDetail(Map<?, ?> accessPoint) {
    Object alias = accessPoint.get("alias");
    return "access point " + accessPoint.get("arn") + (alias == null ? "" : " alias " + alias);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> status(GenericKubernetesResource resource) {
    return Optional.ofNullable(resource)
        .map(r -> (Map<String, Object>) r.getAdditionalProperties().get("status"));
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
