package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which SharingPolicies an event about a namespace, a share or a role concerns: only those whose
 * status or admission entries it can change, so that one relabelled namespace re-counts one or two
 * policies rather than all of them.
 *
 * <p>A namespace's event concerns the policies selecting it now and those that selected its
 * previous version: a namespace that loses a label must still reach the policy that selected it, so
 * that the policy stops counting it and the admission index drops it. JOSDK hands the mapper only
 * the new object, so the labels of each namespace's previous version are remembered here. The
 * memory is keyed by resourceVersion: asking twice about the same version gives the same answer.
 */
final class PolicyEvents {

  private record Seen(
      String resourceVersion, Map<String, String> labels, Map<String, String> before) {}

  private final Map<String, Seen> namespaces = new ConcurrentHashMap<>();

  /** The policies selecting {@code namespace} now or before its latest change. */
  Set<ResourceID> ofNamespace(Namespace namespace, Stream<SharingPolicy> policies) {
    Map<String, String> labels = labelsOf(namespace);
    Seen seen =
        namespaces.compute(
            namespace.getMetadata().getName(),
            (name, prior) -> {
              String version = namespace.getMetadata().getResourceVersion();
              if (prior != null && prior.resourceVersion().equals(version)) {
                return prior;
              }
              return new Seen(version, labels, prior == null ? labels : prior.labels());
            });
    return selecting(policies, List.of(seen.labels(), seen.before()));
  }

  /**
   * The policies selecting the namespace of a share or role; none while that namespace is not known
   * yet (its own event comes later and reaches them).
   */
  static Set<ResourceID> ofNamespaced(
      Optional<Namespace> namespace, Stream<SharingPolicy> policies) {
    return namespace.map(ns -> selecting(policies, List.of(labelsOf(ns)))).orElseGet(Set::of);
  }

  /** Forgets namespaces that no longer exist. */
  void retainOnly(Set<String> existing) {
    namespaces.keySet().retainAll(existing);
  }

  /** The policies whose namespace selector matches one of {@code labelSets}. */
  static Set<ResourceID> selecting(
      Stream<SharingPolicy> policies, Collection<Map<String, String>> labelSets) {
    return policies
        .filter(policy -> selects(policy, labelSets))
        .map(ResourceID::fromResource)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean selects(SharingPolicy policy, Collection<Map<String, String>> labelSets) {
    if (policy.getSpec() == null) {
      return false;
    }
    var selector = GuardrailRequests.selectorOf(policy.getSpec().getNamespaceSelector());
    return labelSets.stream().anyMatch(selector::matches);
  }

  static Map<String, String> labelsOf(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels == null ? Map.of() : Map.copyOf(labels);
  }
}
