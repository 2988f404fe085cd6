package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.guardrail.Selector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which BucketShares or CrossAccountRoles a SharingPolicy's event concerns: those in the namespaces
 * its current version selects, and those its previous version selected (a narrowed selector must
 * still reach the resources it no longer allows, so that their grants are removed). JOSDK hands the
 * mapper only the new object, so each policy's previous selector is remembered here, keyed by
 * resourceVersion so that asking twice about one version gives the same answer.
 */
final class PolicyScopes {

  private record Seen(
      String resourceVersion, Optional<Selector> selector, Optional<Selector> before) {}

  private final Map<String, Seen> policies = new ConcurrentHashMap<>();

  /**
   * @param labels a namespace's labels as decisions see them (none when unknown)
   */
  <P extends HasMetadata> Set<ResourceID> concerned(
      SharingPolicy policy, Stream<P> resources, Function<String, Map<String, String>> labels) {
    Optional<Selector> current = selectorOf(policy);
    Seen seen =
        policies.compute(
            policy.getMetadata().getName(),
            (name, prior) -> {
              String version = policy.getMetadata().getResourceVersion();
              if (prior != null && Objects.equals(prior.resourceVersion(), version)) {
                return prior;
              }
              return new Seen(version, current, prior == null ? current : prior.selector());
            });
    if (policy.getMetadata().getDeletionTimestamp() != null) {
      // Gone or going: its next event, if any, starts afresh.
      policies.remove(policy.getMetadata().getName());
    }
    if (seen.selector().isEmpty() || seen.before().isEmpty()) {
      // A selector that cannot be read: check everything rather than miss a resource.
      return resources.map(ResourceID::fromResource).collect(Collectors.toSet());
    }
    List<Selector> selectors = List.of(seen.selector().get(), seen.before().get());
    Map<String, Boolean> byNamespace = new HashMap<>();
    return resources
        .filter(
            r ->
                byNamespace.computeIfAbsent(
                    r.getMetadata().getNamespace(),
                    ns -> selectors.stream().anyMatch(s -> s.matches(labels.apply(ns)))))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Optional<Selector> selectorOf(SharingPolicy policy) {
    if (policy.getSpec() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(GuardrailRequests.selectorOf(policy.getSpec().getNamespaceSelector()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
