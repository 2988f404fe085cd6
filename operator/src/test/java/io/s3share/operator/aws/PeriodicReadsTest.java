package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PeriodicReadsTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private final PeriodicReads<String, String> reads =
      new PeriodicReads<>(Duration.ofMinutes(5), clock);
  private final AtomicInteger made = new AtomicInteger();

  private String read() {
    return "read-" + made.incrementAndGet();
  }

  @Test
  void aValueIsReadOncePerPeriod() {
    assertThat(reads.get("bucket", this::read)).isEqualTo("read-1");
    clock.advance(Duration.ofMinutes(4));
    assertThat(reads.get("bucket", this::read)).isEqualTo("read-1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(reads.get("bucket", this::read)).isEqualTo("read-2");
  }

  @Test
  void callersThatFindAKeyStaleTogetherShareOneRead() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      Future<String> first =
          pool.submit(
              () ->
                  reads.get(
                      "bucket",
                      () -> {
                        reading.countDown();
                        await(release);
                        return read();
                      }));
      assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> others =
          IntStream.range(0, 19)
              .mapToObj(i -> pool.submit(() -> reads.get("bucket", this::read)))
              .toList();
      // Another key is not held up by the read in progress.
      assertThat(pool.submit(() -> reads.get("other", this::read)).get(5, TimeUnit.SECONDS))
          .isEqualTo("read-1");
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("read-2");
      for (Future<String> other : others) {
        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("read-2");
      }
      assertThat(made).hasValue(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadKeepsNothing() {
    assertThatThrownBy(
            () ->
                reads.get(
                    "bucket",
                    () -> {
                      throw AwsCallException.retryable("Throttling", "slow down", null);
                    }))
        .isInstanceOf(AwsCallException.class);
    assertThat(reads.get("bucket", this::read)).isEqualTo("read-1");
  }

  @Test
  void forgottenKeysAreReadAgainAndUpdatesKeepTheirReadTime() {
    reads.get("a", this::read);
    reads.get("b", this::read);
    reads.forgetIf(key -> key.equals("a"));
    assertThat(reads.get("a", this::read)).isEqualTo("read-3");
    assertThat(reads.get("b", this::read)).isEqualTo("read-2");

    reads.updateAll(value -> value + "+written");
    assertThat(reads.get("b", this::read)).isEqualTo("read-2+written");
    clock.advance(Duration.ofMinutes(5));
    assertThat(reads.get("b", this::read)).isEqualTo("read-4");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
