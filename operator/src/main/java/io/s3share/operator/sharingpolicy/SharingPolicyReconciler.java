package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.SharingPolicyStatus;
import io.s3share.operator.config.SharingPolicyMode;
import io.s3share.operator.guardrail.Guardrail;
import io.s3share.operator.guardrail.Request;
import io.s3share.operator.guardrail.Rule;
import io.s3share.operator.kube.TrimmedItemStore;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports on each SharingPolicy: whether it is usable and how many resources it admits on its own,
 * and keeps the admission index current. A policy is re-counted when it changes, when a namespace
 * it selects (or selected until that change) changes, and when a share or role in a namespace it
 * selects is added, deleted or changes its spec; see {@link PolicyEvents}.
 */
@ControllerConfiguration(name = "sharingpolicy")
public final class SharingPolicyReconciler
    implements Reconciler<SharingPolicy>, Cleaner<SharingPolicy> {

  private static final Logger log = LoggerFactory.getLogger(SharingPolicyReconciler.class);

  private final Clock clock;
  private final SharingPolicyMode mode;
  private final AdmissionIndexWriter index;
  private final SharingPolicyMetrics metrics;
  private final PolicyEvents events = new PolicyEvents();
  private volatile InformerEventSource<BucketShare, SharingPolicy> shares;
  private volatile InformerEventSource<CrossAccountRole, SharingPolicy> roles;
  private volatile InformerEventSource<Namespace, SharingPolicy> namespaces;
  private volatile InformerEventSource<SharingPolicyIndex, SharingPolicy> indexes;
  private final Set<String> watchNamespaces;

  /**
   * @param watchNamespaces the namespaces whose shares and roles the operator watches (empty: all);
   *     with per-namespace RBAC, watching more would be forbidden
   */
  public SharingPolicyReconciler(
      Clock clock,
      SharingPolicyMode mode,
      Set<String> watchNamespaces,
      SharingPolicyMetrics metrics) {
    this.clock = clock;
    this.mode = mode;
    this.watchNamespaces = Set.copyOf(watchNamespaces);
    this.metrics = metrics;
    this.index = new AdmissionIndexWriter(metrics);
  }

  @Override
  public List<EventSource<?, SharingPolicy>> prepareEventSources(
      EventSourceContext<SharingPolicy> context) {
    var policies = context.getPrimaryCache();
    namespaces =
        source(
            context,
            InformerEventSourceConfiguration.from(Namespace.class, SharingPolicy.class)
                .withSecondaryToPrimaryMapper(
                    (Namespace ns) -> events.ofNamespace(ns, policies.list())),
            Set.of());
    shares = namespaced(context, BucketShare.class, watchNamespaces);
    roles = namespaced(context, CrossAccountRole.class, watchNamespaces);
    // Read from this cache, written through AdmissionIndexWriter; nothing to reconcile on its
    // events (a policy's own reconcile rewrites it).
    indexes =
        source(
            context,
            InformerEventSourceConfiguration.from(SharingPolicyIndex.class, SharingPolicy.class)
                .withSecondaryToPrimaryMapper((SharingPolicyIndex any) -> Set.of()),
            Set.of());
    return List.of(shares, roles, namespaces, indexes);
  }

  /**
   * Shares and roles change the count of the policies selecting their namespace, and only when they
   * are added, deleted or their spec changes: their status writes concern no policy. Cached without
   * managedFields, as the shares' and roles' own controllers cache them: these are the kinds that
   * come by the thousand.
   */
  private <S extends HasMetadata> InformerEventSource<S, SharingPolicy> namespaced(
      EventSourceContext<SharingPolicy> context, Class<S> type, Set<String> watched) {
    var policies = context.getPrimaryCache();
    var configuration = InformerEventSourceConfiguration.from(type, SharingPolicy.class);
    TrimmedItemStore.<S>forNamespaces(watched).ifPresent(configuration::withItemStore);
    return source(
        context,
        configuration
            .withSecondaryToPrimaryMapper(
                (S any) ->
                    PolicyEvents.ofNamespaced(
                        namespaces.get(new ResourceID(any.getMetadata().getNamespace())),
                        policies.list()))
            .withOnUpdateFilter(
                (S next, S previous) ->
                    !Objects.equals(
                            next.getMetadata().getGeneration(),
                            previous.getMetadata().getGeneration())
                        || !Objects.equals(
                            next.getMetadata().getDeletionTimestamp(),
                            previous.getMetadata().getDeletionTimestamp())),
        watched);
  }

  private static <S extends HasMetadata> InformerEventSource<S, SharingPolicy> source(
      EventSourceContext<SharingPolicy> context,
      InformerEventSourceConfiguration.Builder<S> configuration,
      Set<String> namespaces) {
    // The reconciler lists these caches itself: no primary-to-secondary index to keep (it would
    // hold every share once per policy).
    configuration
        .withPrimaryToSecondaryMapper((SharingPolicy any) -> Set.<ResourceID>of())
        .withFollowControllerNamespacesChanges(false);
    // SharingPolicy is cluster-scoped, so "the controller's namespaces" would mean none.
    if (namespaces.isEmpty()) {
      configuration.withWatchAllNamespaces();
    } else {
      configuration.withNamespaces(namespaces);
    }
    return new InformerEventSource<>(configuration.build(), context);
  }

  @Override
  public UpdateControl<SharingPolicy> reconcile(
      SharingPolicy policy, Context<SharingPolicy> context) {
    metrics.reconciled();
    SharingPolicyStatus next = new SharingPolicyStatus();
    Outcome outcome;
    try {
      Rule rule = GuardrailRequests.ruleOf(policy);
      Map<String, Map<String, String>> selected =
          namespaces
              .list()
              .filter(ns -> rule.namespaces().matches(labels(ns)))
              .collect(Collectors.toMap(ns -> ns.getMetadata().getName(), this::labels));
      Set<String> names = selected.keySet();
      Instant now = clock.instant();
      long admitted =
          names.stream()
              .flatMap(
                  namespace ->
                      Stream.concat(
                          requests(shares, namespace, share -> GuardrailRequests.of(share, now)),
                          requests(roles, namespace, role -> GuardrailRequests.of(role, now))))
              .filter(r -> Guardrail.violations(rule, r).isEmpty())
              .count();
      next.setAdmitted((int) admitted);
      next.setNamespaces(names.size());
      outcome =
          Outcome.ready(
              mode == SharingPolicyMode.Enforce ? "Enforced" : "NotEnforced",
              (mode == SharingPolicyMode.Enforce
                      ? ""
                      : "The operator runs with S3SHARE_SHARING_POLICIES=Disabled: nothing is"
                          + " checked. ")
                  + "Selects "
                  + names.size()
                  + " namespace(s) and on its own admits "
                  + admitted
                  + " BucketShare(s) and CrossAccountRole(s).");
    } catch (RuntimeException invalid) {
      outcome =
          Outcome.stalled(
              "InvalidPolicy",
              invalid.getMessage() + ". This policy allows nothing; fix its spec.");
    }
    writeIndex(context, Optional.empty());
    next.setObservedGeneration(policy.getMetadata().getGeneration());
    next.setConditions(
        Conditions.from(
            outcome,
            policy.getMetadata().getGeneration(),
            policy.getStatus() == null ? List.of() : policy.getStatus().getConditions(),
            clock.instant()));
    if (StatusPatches.same(policy.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(StatusPatches.of(policy, next, SharingPolicy::new));
  }

  /** A deleted policy leaves the admission index; the finalizer makes sure that happens. */
  @Override
  public DeleteControl cleanup(SharingPolicy policy, Context<SharingPolicy> context) {
    try {
      writeIndex(context, Optional.of(policy));
    } catch (KubernetesClientException e) {
      // Never stick: reconcilers deny without this policy at once; admission is only early.
      log.warn(
          "SharingPolicy {} deleted, but the admission index could not be updated: {}",
          policy.getMetadata().getName(),
          e.getMessage());
    }
    return DeleteControl.defaultDelete();
  }

  private void writeIndex(Context<SharingPolicy> context, Optional<SharingPolicy> leaving) {
    List<Rule> rules = new ArrayList<>();
    context
        .getPrimaryCache()
        .list()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(
            p ->
                leaving
                    .map(l -> !l.getMetadata().getName().equals(p.getMetadata().getName()))
                    .orElse(true))
        .forEach(
            p -> {
              try {
                rules.add(GuardrailRequests.ruleOf(p));
              } catch (RuntimeException invalid) {
                // Reported on the policy itself; an invalid policy allows nothing.
              }
            });
    Map<String, Map<String, String>> labels =
        namespaces.list().collect(Collectors.toMap(ns -> ns.getMetadata().getName(), this::labels));
    events.retainOnly(labels.keySet());
    index.converge(context.getClient(), indexes, rules, labels);
  }

  private Map<String, String> labels(Namespace ns) {
    return ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
  }

  /** The requests of one namespace's resources, from the cache's namespace index. */
  private static <R extends HasMetadata> Stream<Request> requests(
      InformerEventSource<R, SharingPolicy> source,
      String namespace,
      Function<R, Request> toRequest) {
    return source.byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .map(toRequest);
  }
}
