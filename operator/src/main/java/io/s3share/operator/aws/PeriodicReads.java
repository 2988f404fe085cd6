package io.s3share.operator.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What was read from AWS about a key (a bucket, an account), kept for a period: hundreds of shares
 * on one bucket then cost one read per period, not one each. Single-flight: reconciles that find a
 * key stale at the same moment wait for one read instead of each making their own, and a key's read
 * never holds up another key. A failed read keeps nothing, so the next caller reads again.
 */
public final class PeriodicReads<K, V> {

  private record Known<V>(Instant readAt, V value) {}

  private final Duration period;
  private final Clock clock;
  private final ConcurrentMap<K, Known<V>> known = new ConcurrentHashMap<>();
  private final ConcurrentMap<K, Object> locks = new ConcurrentHashMap<>();

  /**
   * @param period how long a value stays known after its read
   */
  public PeriodicReads(Duration period, Clock clock) {
    this.period = period;
    this.clock = clock;
  }

  /** The value read within the period, or a fresh read by {@code read}. */
  public V get(K key, Supplier<V> read) {
    Optional<V> fresh = fresh(key);
    if (fresh.isPresent()) {
      return fresh.get();
    }
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      // Another caller may have read it while this one waited for the lock.
      fresh = fresh(key);
      if (fresh.isPresent()) {
        return fresh.get();
      }
      Instant readAt = clock.instant();
      V value = read.get();
      known.put(key, new Known<>(readAt, value));
      return value;
    }
  }

  /** Forgets {@code key}: the operator changed what was read, so the next caller reads again. */
  public void forget(K key) {
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      known.remove(key);
    }
  }

  /** Forgets every key that {@code which} accepts. */
  public void forgetIf(Predicate<K> which) {
    known.keySet().stream().filter(which).toList().forEach(this::forget);
  }

  /**
   * Replaces known values with what {@code update} makes of them, keeping when they were read: for
   * a change the operator made itself and read back, which needs no new read.
   */
  public void updateAll(UnaryOperator<V> update) {
    known.replaceAll((key, was) -> new Known<>(was.readAt(), update.apply(was.value())));
  }

  private Optional<V> fresh(K key) {
    Known<V> was = known.get(key);
    return was != null && was.readAt().plus(period).isAfter(clock.instant())
        ? Optional.of(was.value())
        : Optional.empty();
  }
}
