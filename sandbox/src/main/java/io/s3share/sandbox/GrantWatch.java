package io.s3share.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the benchmark's shares and notes when the last one on a bucket is granted (Ready=True,
 * reason Granted). A watch rather than polling: listing thousands of shares every moment would load
 * the same API server the operator is measured against.
 */
final class GrantWatch implements AutoCloseable {

  private final SharedIndexInformer<BucketShare> informer;
  private final Map<String, Expectation> expected = new ConcurrentHashMap<>();

  private record Expectation(int count, Set<String> granted, CompletableFuture<Instant> done) {}

  GrantWatch(KubernetesClient client, String namespace) {
    informer =
        client
            .resources(BucketShare.class)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(BucketShare share) {
                    seen(share);
                  }

                  @Override
                  public void onUpdate(BucketShare old, BucketShare share) {
                    seen(share);
                  }

                  @Override
                  public void onDelete(BucketShare share, boolean unknownFinalState) {}
                });
  }

  /** Starts counting the grants on the bucket; call before its shares are created. */
  void expect(String bucket, int count) {
    expected.put(
        bucket, new Expectation(count, ConcurrentHashMap.newKeySet(), new CompletableFuture<>()));
  }

  /**
   * When the last of the bucket's shares was seen granted.
   *
   * @throws IllegalStateException after the timeout, naming the reasons the others gave
   */
  Instant awaitAll(String bucket, Duration timeout) {
    Expectation expectation = expected.get(bucket);
    try {
      return expectation.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          expectation.granted().size()
              + " of "
              + expectation.count()
              + " shares on "
              + bucket
              + " granted after "
              + timeout
              + "; Ready reasons of all: "
              + readyReasons(bucket),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + bucket, e);
    }
  }

  private void seen(BucketShare share) {
    Expectation expectation = expected.get(share.getSpec().getBucket().getName());
    if (expectation == null || !granted(share)) {
      return;
    }
    expectation.granted().add(share.getMetadata().getName());
    if (expectation.granted().size() >= expectation.count()) {
      expectation.done().complete(Instant.now());
    }
  }

  private static boolean granted(BucketShare share) {
    return share.getStatus() != null
        && Conditions.find(share.getStatus().getConditions(), Conditions.READY)
            .filter(c -> "True".equals(c.getStatus()) && "Granted".equals(c.getReason()))
            .isPresent();
  }

  /** How many shares on the bucket give each Ready reason; for a timeout's message. */
  private Map<String, Integer> readyReasons(String bucket) {
    Map<String, Integer> reasons = new TreeMap<>();
    informer.getStore().list().stream()
        .filter(share -> bucket.equals(share.getSpec().getBucket().getName()))
        .map(
            share ->
                share.getStatus() == null
                    ? "(no status)"
                    : Conditions.find(share.getStatus().getConditions(), Conditions.READY)
                        .map(c -> c.getStatus() + "/" + c.getReason())
                        .orElse("(no Ready)"))
        .forEach(reason -> reasons.merge(reason, 1, Integer::sum));
    return reasons;
  }

  @Override
  public void close() {
    informer.close();
  }
}
