package io.s3share.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.s3share.operator.api.v1alpha1.ConditionedStatus;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.sharedbucket.SharedBucketRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gauges read from the operator's informer caches at scrape time: resources by kind and state
 * ({@code s3share_resources}), and those a SharingPolicy keeps from granting ({@code
 * s3share_resources_denied}). Nothing is asked of the API server or AWS to compute them. Bucket
 * policy sizes are the writer's to report: see {@link BucketPolicyMetrics}.
 */
public final class ResourceMetrics {

  public static final String RESOURCES = "s3share.resources";
  public static final String DENIED = "s3share.resources.denied";

  /**
   * The Stalled reasons that mean "the guardrails say no": denied by a SharingPolicy, or waiting
   * for the SharedBucket a SharingPolicy requires.
   */
  public static final Set<String> DENIED_REASONS =
      Set.of(Decision.DENIED_REASON, SharedBucketRequirement.REASON);

  private final Map<String, Supplier<Stream<? extends HasMetadata>>> caches;

  /**
   * @param caches each kind's cached resources; read on every scrape
   */
  public ResourceMetrics(
      MeterRegistry registry, Map<String, Supplier<Stream<? extends HasMetadata>>> caches) {
    this.caches = Map.copyOf(caches);
    for (String kind : this.caches.keySet()) {
      for (ResourceState state : ResourceState.values()) {
        Gauge.builder(RESOURCES, () -> count(kind, state))
            .description("Resources by kind and by the state their conditions report")
            .tags("kind", kind, "state", state.label())
            .register(registry);
      }
      Gauge.builder(DENIED, () -> denied(kind))
          .description(
              "Resources Stalled because a SharingPolicy does not allow them (reasons"
                  + " DeniedBySharingPolicy and SharedBucketRequired)")
          .tags("kind", kind)
          .register(registry);
    }
  }

  private long count(String kind, ResourceState state) {
    return resources(kind).filter(r -> state == ResourceState.of(conditionsOf(r))).count();
  }

  private long denied(String kind) {
    return resources(kind)
        .map(ResourceMetrics::conditionsOf)
        .filter(
            conditions ->
                Optional.ofNullable(conditions).stream()
                    .flatMap(List::stream)
                    .anyMatch(
                        c ->
                            "Stalled".equals(c.getType())
                                && "True".equals(c.getStatus())
                                && DENIED_REASONS.contains(c.getReason())))
        .count();
  }

  private Stream<? extends HasMetadata> resources(String kind) {
    return caches.getOrDefault(kind, Stream::empty).get();
  }

  private static List<Condition> conditionsOf(HasMetadata r) {
    if (r instanceof CustomResource<?, ?> cr && cr.getStatus() instanceof ConditionedStatus s) {
      return s.getConditions();
    }
    return null;
  }
}
