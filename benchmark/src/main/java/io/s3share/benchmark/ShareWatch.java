package io.s3share.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.status.Conditions;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the benchmark's shares: which are Ready, when the last one became so, and how many times
 * their status was written. An informer rather than polling, so that measuring does not load the
 * API server the operator is measured against.
 */
final class ShareWatch implements AutoCloseable {

  // The status types have no equals: compare them as the JSON the API server stores.
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SharedIndexInformer<BucketShare> informer;
  private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastReady = new AtomicReference<>(Instant.EPOCH);
  private final AtomicInteger statusWrites = new AtomicInteger();
  private final Map<String, AtomicInteger> writesByShare = new ConcurrentHashMap<>();

  /** The shares in {@code namespace}; null for every namespace (share names must then differ). */
  ShareWatch(KubernetesClient client, String namespace) {
    var shares = client.resources(BucketShare.class);
    informer =
        (namespace == null ? shares.inAnyNamespace() : shares.inNamespace(namespace))
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(BucketShare share) {
                    seen(share);
                  }

                  @Override
                  public void onUpdate(BucketShare old, BucketShare share) {
                    boolean newVersion =
                        !Objects.equals(
                            old.getMetadata().getResourceVersion(),
                            share.getMetadata().getResourceVersion());
                    if (newVersion
                        && !JSON.valueToTree(old.getStatus())
                            .equals(JSON.valueToTree(share.getStatus()))) {
                      statusWrites.incrementAndGet();
                      writesByShare
                          .computeIfAbsent(share.getMetadata().getName(), n -> new AtomicInteger())
                          .incrementAndGet();
                    }
                    seen(share);
                  }

                  @Override
                  public void onDelete(BucketShare share, boolean unknownFinalState) {
                    ready.remove(share.getMetadata().getName());
                  }
                });
  }

  private void seen(BucketShare share) {
    boolean isReady =
        share.getStatus() != null
            && Conditions.find(share.getStatus().getConditions(), Conditions.READY)
                .filter(c -> "True".equals(c.getStatus()))
                .isPresent();
    Boolean was = ready.put(share.getMetadata().getName(), isReady);
    if (isReady && !Boolean.TRUE.equals(was)) {
      lastReady.accumulateAndGet(Instant.now(), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  long readyCount() {
    return ready.values().stream().filter(Boolean::booleanValue).count();
  }

  /** When the watch last saw a share turn Ready. */
  Instant lastReady() {
    return lastReady.get();
  }

  /** Updates that changed a share's status, since the watch started. */
  int statusWrites() {
    return statusWrites.get();
  }

  /** Status writes per share since the watch started, by share name. */
  Map<String, Integer> statusWritesByShare() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    writesByShare.forEach((name, count) -> copy.put(name, count.get()));
    return copy;
  }

  boolean isReady(String name) {
    return Boolean.TRUE.equals(ready.get(name));
  }

  @Override
  public void close() {
    informer.close();
  }
}
