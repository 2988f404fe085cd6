package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.config.PolicyBatching;
import io.s3share.operator.kube.StalledException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests for one bucket gathered until the batch is full or its time is up. */
class PolicyBatchesTest {

  static final BucketKey DATA = new BucketKey("111111111111", "data");
  static final BucketKey LOGS = new BucketKey("111111111111", "logs");
  static final BucketPolicyWriter.Result DONE =
      new BucketPolicyWriter.Result(
          BucketPolicyWriter.Action.WRITTEN, null, 100, Set.of("team-a/refused"), Set.of());

  final ExecutorService threads = Executors.newCachedThreadPool();
  final List<List<String>> converged = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aFullBatchConvergesOnceForAllItsRequestsWithoutWaitingOutItsTime() throws Exception {
    // Were the batch time waited out, the results would not come within the test's timeout.
    PolicyBatches<String> batches = batches(Duration.ofSeconds(10), 3);

    List<CompletableFuture<BucketPolicyWriter.Result>> results =
        List.of("a", "b", "c").stream().map(r -> submit(batches, DATA, r, this::record)).toList();

    for (var result : results) {
      assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(DONE);
    }
    assertThat(converged).hasSize(1);
    assertThat(converged.get(0)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aLoneRequestConvergesWhenTheBatchTimeIsUp() throws Exception {
    PolicyBatches<String> batches = batches(Duration.ofMillis(50), 100);

    assertThat(submit(batches, DATA, "a", this::record).get(5, TimeUnit.SECONDS)).isSameAs(DONE);
    assertThat(converged).containsExactly(List.of("a"));
  }

  @Test
  void bucketsAreBatchedApart() throws Exception {
    PolicyBatches<String> batches = batches(Duration.ofSeconds(10), 2);

    var results =
        List.of(
            submit(batches, DATA, "a", this::record),
            submit(batches, LOGS, "x", this::record),
            submit(batches, DATA, "b", this::record),
            submit(batches, LOGS, "y", this::record));

    for (var result : results) {
      result.get(5, TimeUnit.SECONDS);
    }
    assertThat(converged)
        .extracting(batch -> Set.copyOf(batch))
        .containsExactlyInAnyOrder(Set.of("a", "b"), Set.of("x", "y"));
  }

  @Test
  void aBatchThatFailsFailsEveryRequestWithTheSameError() {
    PolicyBatches<String> batches = batches(Duration.ofSeconds(10), 2);
    Function<List<String>, BucketPolicyWriter.Result> tooLarge =
        batch -> {
          throw new StalledException("PolicyTooLarge", "over the limit");
        };

    var first = submit(batches, DATA, "a", tooLarge);
    var second = submit(batches, DATA, "b", tooLarge);

    for (var result : List.of(first, second)) {
      assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(StalledException.class)
          .hasMessage("over the limit");
    }
  }

  @Test
  void withoutABatchTimeEachRequestConvergesOnItsOwn() {
    PolicyBatches<String> batches = batches(Duration.ZERO, 100);

    batches.submit(DATA, "a", this::record);
    batches.submit(DATA, "b", this::record);

    assertThat(converged).containsExactly(List.of("a"), List.of("b"));
  }

  private BucketPolicyWriter.Result record(List<String> batch) {
    converged.add(batch);
    return DONE;
  }

  private CompletableFuture<BucketPolicyWriter.Result> submit(
      PolicyBatches<String> batches,
      BucketKey key,
      String request,
      Function<List<String>, BucketPolicyWriter.Result> converge) {
    return CompletableFuture.supplyAsync(() -> batches.submit(key, request, converge), threads);
  }

  private static PolicyBatches<String> batches(Duration time, int size) {
    return new PolicyBatches<>(new PolicyBatching(time, size));
  }
}
