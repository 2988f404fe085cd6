package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.config.SharingPolicyMode;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.guardrail.Guardrail;
import io.s3share.operator.guardrail.Request;
import io.s3share.operator.guardrail.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks {@link Guardrail} about one resource, from informer caches of SharingPolicies and
 * Namespaces; a change to either reconciles the primaries it may affect: a namespace's, those in
 * it; a policy's, those in the namespaces it selects or selected before (see {@link PolicyScopes}).
 */
public final class SharingPolicyGuard<P extends HasMetadata> {

  private static final Logger log = LoggerFactory.getLogger(SharingPolicyGuard.class);

  private final SharingPolicyMode mode;

  /** Each invalid policy's uid and generation last reported, so that it is said once per change. */
  private final Map<String, String> reportedInvalid = new ConcurrentHashMap<>();

  /**
   * Decisions read the caches directly, never a primary's secondaries: without this, JOSDK would
   * index every primary under every policy.
   */
  private static final PrimaryToSecondaryMapper<HasMetadata> NO_INDEX = any -> Set.of();

  private final PolicyScopes scopes = new PolicyScopes();
  private volatile InformerEventSource<SharingPolicy, P> policies;
  private volatile InformerEventSource<Namespace, P> namespaces;

  public SharingPolicyGuard(SharingPolicyMode mode) {
    this.mode = mode;
  }

  /** The informers to register next to the reconciler's own; none when disabled. */
  public List<EventSource<?, P>> eventSources(EventSourceContext<P> context, Class<P> primary) {
    if (mode == SharingPolicyMode.Disabled) {
      return List.of();
    }
    var cache = context.getPrimaryCache();
    // A policy's change may allow or deny only resources in the namespaces it selects, before or
    // after the change; its status writes change nothing here.
    policies =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(SharingPolicy.class, primary)
                .withName("sharingpolicies")
                .withSecondaryToPrimaryMapper(
                    (SharingPolicy p) -> scopes.concerned(p, cache.list(), this::labelsOf))
                .withOnUpdateFilter(SharingPolicyGuard::specOrDeletionChanged)
                .withPrimaryToSecondaryMapper(NO_INDEX)
                // Both are cluster-scoped: they live in no namespace the controller watches.
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .build(),
            context);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, primary)
                .withName("namespaces")
                .withSecondaryToPrimaryMapper(
                    (Namespace ns) ->
                        cache
                            .list(ns.getMetadata().getName())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(NO_INDEX)
                // Only a namespace's labels take part in decisions.
                .withOnUpdateFilter(
                    (Namespace next, Namespace previous) ->
                        !Objects.equals(
                                next.getMetadata().getLabels(), previous.getMetadata().getLabels())
                            || !Objects.equals(
                                next.getMetadata().getDeletionTimestamp(),
                                previous.getMetadata().getDeletionTimestamp()))
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .build(),
            context);
    return List.of(policies, namespaces);
  }

  public Decision decide(Request request) {
    if (mode == SharingPolicyMode.Disabled) {
      return Decision.allowedWithoutPolicies();
    }
    return Guardrail.decide(request, labelsOf(request.namespace()), rules());
  }

  /** A namespace's labels as decisions see them: none while it is unknown. */
  private Map<String, String> labelsOf(String namespace) {
    return namespaces.get(new ResourceID(namespace)).map(PolicyEvents::labelsOf).orElse(Map.of());
  }

  /** Decisions read a policy's name and spec only, and whether it is being deleted. */
  static boolean specOrDeletionChanged(SharingPolicy next, SharingPolicy previous) {
    return !Objects.equals(
            next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || !Objects.equals(
            next.getMetadata().getDeletionTimestamp(),
            previous.getMetadata().getDeletionTimestamp());
  }

  /** The SharingPolicies in the cache; none while SharingPolicies are disabled. */
  public Stream<SharingPolicy> policies() {
    return policies == null ? Stream.empty() : policies.list();
  }

  private List<Rule> rules() {
    return rulesOf(policies.list());
  }

  /** The rules of the policies not being deleted; an invalid one is left out. */
  List<Rule> rulesOf(Stream<SharingPolicy> all) {
    List<Rule> rules = new ArrayList<>();
    all
        // A policy being deleted allows nothing any more, even while its finalizer runs.
        .filter(policy -> policy.getMetadata().getDeletionTimestamp() == null)
        .forEach(
            policy -> {
              String name = policy.getMetadata().getName();
              try {
                rules.add(GuardrailRequests.ruleOf(policy));
                reportedInvalid.remove(name);
              } catch (RuntimeException invalid) {
                // The CRD schema refuses these; one that slips through allows nothing. Every
                // reconcile of every resource gets here: say it once per version of the policy.
                String version =
                    policy.getMetadata().getUid() + "/" + policy.getMetadata().getGeneration();
                if (!version.equals(reportedInvalid.put(name, version))) {
                  log.warn("SharingPolicy {} ignored: {}", name, invalid.getMessage());
                }
              }
            });
    return rules;
  }

  /** The cached SharingPolicy of that name; empty when unknown or policies are disabled. */
  public java.util.Optional<SharingPolicy> policy(String name) {
    return policies == null ? java.util.Optional.empty() : policies.get(new ResourceID(name));
  }
}
