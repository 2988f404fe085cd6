package io.s3share.operator.bucketshare;

import io.s3share.operator.config.PolicyBatching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gathers the converges of shares on one bucket for a short while, so that a burst or a steady
 * trickle of shares costs one policy write, not one per share.
 *
 * <p>The first request for a bucket opens a batch and waits for the batch time, or until the batch
 * is full, whichever comes first; requests arriving meanwhile join it. The first one then converges
 * the whole batch once, and every request gets that converge's result: the result names each share
 * that was left out (too large, refused principal), so each requester reads its own outcome from
 * it. A failure is every requester's failure, and each retries on its own.
 */
final class PolicyBatches<R> {

  private final Duration batchTime;
  private final int batchSize;

  /** The batch each bucket is gathering now; guarded by this. */
  private final Map<BucketKey, Batch<R>> open = new HashMap<>();

  PolicyBatches(PolicyBatching settings) {
    this.batchTime = settings.batchTime();
    this.batchSize = settings.batchSize();
  }

  private static final class Batch<R> {
    final List<R> requests = new ArrayList<>();
    final CountDownLatch full = new CountDownLatch(1);
    final CompletableFuture<BucketPolicyWriter.Result> result = new CompletableFuture<>();
  }

  /**
   * Adds the request to its bucket's batch and returns the batch's result.
   *
   * @param converge converges a whole batch; called once per batch, by the request that opened it
   */
  BucketPolicyWriter.Result submit(
      BucketKey key, R request, Function<List<R>, BucketPolicyWriter.Result> converge) {
    Batch<R> batch;
    boolean opened;
    synchronized (this) {
      batch = open.get(key);
      opened = batch == null;
      if (opened) {
        batch = new Batch<>();
        open.put(key, batch);
      }
      batch.requests.add(request);
      if (batch.requests.size() >= batchSize) {
        close(key, batch);
      }
    }
    return opened ? lead(key, batch, converge) : awaitResult(batch);
  }

  private BucketPolicyWriter.Result lead(
      BucketKey key, Batch<R> batch, Function<List<R>, BucketPolicyWriter.Result> converge) {
    try {
      if (!batchTime.isZero()) {
        batch.full.await(batchTime.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      // Stopping: converge what was gathered rather than leave the others waiting.
      Thread.currentThread().interrupt();
    }
    List<R> requests;
    synchronized (this) {
      close(key, batch);
      requests = List.copyOf(batch.requests);
    }
    try {
      BucketPolicyWriter.Result result = converge.apply(requests);
      batch.result.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      batch.result.completeExceptionally(e);
      throw e;
    }
  }

  /** Stops the batch taking requests: later ones open the next batch. Called holding this. */
  private void close(BucketKey key, Batch<R> batch) {
    open.remove(key, batch);
    batch.full.countDown();
  }

  private static BucketPolicyWriter.Result awaitResult(Batch<?> batch) {
    try {
      // Not interruptible: the batch's first request converges in bounded time, and a requester
      // must learn what happened to its share.
      return batch.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
