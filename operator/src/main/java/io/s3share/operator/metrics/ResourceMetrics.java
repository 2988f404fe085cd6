package io.s3share.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.ConditionedStatus;
import io.s3share.operator.api.v1alpha1.PolicySizeStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gauges read from the operator's informer caches at scrape time: resources by kind and state
 * ({@code s3share_resources}), and each bucket policy's size against its limit ({@code
 * s3share_bucket_policy_bytes}, {@code s3share_bucket_policy_limit_bytes}), as the shares' statuses
 * last reported them. Nothing is asked of the API server or AWS to compute them.
 */
public final class ResourceMetrics {

  public static final String RESOURCES = "s3share.resources";
  public static final String POLICY_BYTES = "s3share.bucket.policy.bytes";
  public static final String POLICY_LIMIT_BYTES = "s3share.bucket.policy.limit.bytes";

  private final Map<String, Supplier<Stream<? extends HasMetadata>>> caches;
  private final MultiGauge policyBytes;
  private final MultiGauge policyLimits;

  /**
   * @param caches each kind's cached resources; read on every {@link #refresh()} and scrape
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
    }
    policyBytes =
        MultiGauge.builder(POLICY_BYTES)
            .description("Bytes of a bucket policy, as the shares on the bucket last reported it")
            .baseUnit("bytes")
            .register(registry);
    policyLimits =
        MultiGauge.builder(POLICY_LIMIT_BYTES)
            .description("The size AWS allows a bucket policy, in bytes")
            .baseUnit("bytes")
            .register(registry);
  }

  /** Brings the per-bucket gauges up to date with the caches; call it right before a scrape. */
  public void refresh() {
    Map<Tags, PolicySizeStatus> sizes = bucketPolicySizes();
    policyBytes.register(rows(sizes, true), true);
    policyLimits.register(rows(sizes, false), true);
  }

  private long count(String kind, ResourceState state) {
    return caches
        .getOrDefault(kind, Stream::empty)
        .get()
        .filter(r -> state == ResourceState.of(conditionsOf(r)))
        .count();
  }

  private Map<Tags, PolicySizeStatus> bucketPolicySizes() {
    Map<Tags, PolicySizeStatus> sizes =
        new TreeMap<>(java.util.Comparator.comparing(Tags::toString));
    caches.values().stream()
        .flatMap(Supplier::get)
        .filter(BucketShare.class::isInstance)
        .map(BucketShare.class::cast)
        .filter(s -> s.getStatus() != null && s.getStatus().getBucketPolicy() != null)
        .filter(s -> s.getStatus().getBucketPolicy().getUsedBytes() != null)
        .forEach(
            share ->
                // Every share on a bucket reports the same policy; keep the largest report, the
                // one nearest its limit, should one share's status be older than another's.
                sizes.merge(
                    Tags.of(
                        "account", share.getSpec().getBucket().getAccountRef(),
                        "bucket", share.getSpec().getBucket().getName()),
                    share.getStatus().getBucketPolicy(),
                    (a, b) -> a.getUsedBytes() >= b.getUsedBytes() ? a : b));
    return sizes;
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, PolicySizeStatus> sizes, boolean used) {
    return sizes.entrySet().stream()
        .filter(e -> used || e.getValue().getLimitBytes() != null)
        .<MultiGauge.Row<?>>map(
            e ->
                MultiGauge.Row.of(
                    e.getKey(), used ? e.getValue().getUsedBytes() : e.getValue().getLimitBytes()))
        .toList();
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> conditionsOf(HasMetadata r) {
    if (r instanceof CustomResource<?, ?> cr && cr.getStatus() instanceof ConditionedStatus s) {
      return s.getConditions();
    }
    return null;
  }
}
