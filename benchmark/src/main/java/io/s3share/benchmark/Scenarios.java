package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import io.s3share.operator.api.v1alpha1.BucketShare;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * S1 (a burst of shares) and S2 (the same shares idle for a few resync periods), each measured for
 * the operator and then for the naive writer over the same declarations.
 */
final class Scenarios {

  static final String PUTS_PER_BUCKET = "PutBucketPolicy per bucket";
  static final String LOST = "statements lost";
  // S3 counts status writes for one resync period and this long after the added share is Ready.
  static final Duration SETTLE = Duration.ofSeconds(5);

  private final ScaleSettings settings;
  private final Bench bench;
  private final OperatorJvm operator;
  private final NaiveWriter writer;
  private final ShareWatch watch;
  private final List<DeclaredShare> shares;

  Scenarios(
      ScaleSettings settings,
      Bench bench,
      OperatorJvm operator,
      NaiveWriter writer,
      ShareWatch watch,
      List<DeclaredShare> shares) {
    this.settings = settings;
    this.bench = bench;
    this.operator = operator;
    this.writer = writer;
    this.watch = watch;
    this.shares = shares;
  }

  /** S1: every share created at once; the operator's copy of the buckets, then the naive one. */
  ScenarioTable burst(List<String> ours, List<String> naive, OperatorJvm.Memory idle) {
    AwsCalls.Mark mark = AwsCalls.mark(bench.proxy, Bench.OPERATOR_KEY);
    int statusWritesBefore = watch.statusWrites();
    Instant start = Instant.now();
    create(ours);
    Duration create = Duration.between(start, Instant.now());
    await("all " + shares.size() + " shares Ready")
        .atMost(readyTimeout())
        .pollInterval(Duration.ofMillis(200))
        .failFast("the operator's JVM exited; see " + operator.log, () -> !operator.alive())
        .until(() -> watch.readyCount() >= shares.size());
    Duration ready = Duration.between(start, watch.lastReady());
    AwsCalls oursCalls = AwsCalls.since(mark);
    int statusWrites = watch.statusWrites() - statusWritesBefore;
    OperatorJvm.Memory busy = operator.memory();

    AwsCalls.Mark naiveMark = AwsCalls.mark(bench.proxy, Bench.NAIVE_KEY);
    Duration naiveTime = writer.pass(shares, naive);
    AwsCalls naiveCalls = AwsCalls.since(naiveMark);

    // One write per bucket, the buckets written side by side: one S3 latency.
    Duration naiveBound = settings.latency();
    Duration oursBound = create.plus(settings.latency());
    return new ScenarioTable(
            String.format(
                "S1: %d shares over %d buckets, created in one burst", shares.size(), ours.size()))
        .row(
            PUTS_PER_BUCKET,
            perBucket(oursCalls.putBucketPolicy()),
            perBucket(naiveCalls.putBucketPolicy()))
        .row("PutBucketPolicy most on one bucket", most(oursCalls), most(naiveCalls))
        .row("GetBucketPolicy", oursCalls.getBucketPolicy(), naiveCalls.getBucketPolicy())
        .row("mutating AWS calls", oursCalls.mutating(), naiveCalls.mutating())
        .row("AWS calls", oursCalls.total(), naiveCalls.total())
        .row("status writes", statusWrites, null)
        .row("create s", seconds(create), null)
        .row("time to all Ready s", seconds(ready), seconds(naiveTime))
        .row("lower bound s", seconds(oursBound), seconds(naiveBound))
        .row("time / lower bound", ratio(ready, oursBound), ratio(naiveTime, naiveBound))
        .row(LOST, lostByOperator(ours), lostByNaive(naive))
        .row("heap after GC MiB, idle", idle.heapMib(), null)
        .row("RSS MiB, idle", idle.rssMib(), null)
        .row("heap after GC MiB, all Ready", busy.heapMib(), null)
        .row("RSS MiB, all Ready", busy.rssMib(), null)
        .note("operator AWS calls: " + oursCalls.byKind())
        .note("naive AWS calls: " + naiveCalls.byKind())
        .note(
            "lower bound: the time to create the shares through the API server plus one write at"
                + " the injected latency (the buckets are written side by side); the naive writer"
                + " has no creation time. naive time: until its last write returned.")
        .note(
            "statements lost: declared shares whose grant is missing from their bucket's final"
                + " policy, read back from moto.");
  }

  /** S2: nothing changes for {@code resyncs} resync periods, right after S1. */
  ScenarioTable idle(List<String> ours, List<String> naive) {
    Duration window = settings.resync().multipliedBy(settings.resyncs());
    AwsCalls.Mark mark = AwsCalls.mark(bench.proxy, Bench.OPERATOR_KEY);
    int statusWritesBefore = watch.statusWrites();
    await("the operator stays up while idle")
        .during(window)
        .atMost(window.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(operator::alive);
    AwsCalls oursCalls = AwsCalls.since(mark);
    int statusWrites = watch.statusWrites() - statusWritesBefore;
    OperatorJvm.Memory memory = operator.memory();

    // A naive controller re-runs its read-modify-write per share on every resync.
    AwsCalls.Mark naiveMark = AwsCalls.mark(bench.proxy, Bench.NAIVE_KEY);
    for (int i = 0; i < settings.resyncs(); i++) {
      writer.pass(shares, naive);
    }
    AwsCalls naiveCalls = AwsCalls.since(naiveMark);
    int n = settings.resyncs();
    return new ScenarioTable(
            String.format(
                "S2: the same %d shares idle for %d resync periods of %s",
                shares.size(), n, settings.resync()))
        .row("mutating AWS calls", oursCalls.mutating(), naiveCalls.mutating())
        .row(
            "GetBucketPolicy per resync",
            per(oursCalls.getBucketPolicy(), n),
            per(naiveCalls.getBucketPolicy(), n))
        .row("AWS calls per resync", per(oursCalls.total(), n), per(naiveCalls.total(), n))
        .row("status writes", statusWrites, null)
        .row(LOST + " after", lostByOperator(ours), lostByNaive(naive))
        .row("heap after GC MiB", memory.heapMib(), null)
        .row("RSS MiB", memory.rssMib(), null)
        .note("operator AWS calls: " + oursCalls.byKind())
        .note("naive AWS calls: " + naiveCalls.byKind())
        .note(
            "the window starts when the last share turned Ready, so the first resync after the"
                + " burst is in it; the naive writer's resyncs run back to back.");
  }

  /**
   * S3: one share added to the first bucket, which holds its part of S1's shares: what that one
   * share costs, in AWS calls until it is Ready, and in status writes (its own and the other
   * shares') until every share has had one resync after it.
   */
  ScenarioTable oneMore(List<String> ours, List<String> naive) {
    DeclaredShare extra =
        new DeclaredShare("share-extra", 0, DeclaredShare.consumer(shares.size()));
    Set<String> sameBucket = new HashSet<>();
    shares.stream().filter(s -> s.bucketIndex() == 0).forEach(s -> sameBucket.add(s.name()));
    AwsCalls.Mark mark = AwsCalls.mark(bench.proxy, Bench.OPERATOR_KEY);
    Map<String, Integer> before = watch.statusWritesByShare();
    Instant start = Instant.now();
    bench.kube.resource(extra.resource(Bench.NAMESPACE, Bench.AWS_ACCOUNT, ours.get(0))).create();
    await("the added share Ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the operator's JVM exited; see " + operator.log, () -> !operator.alive())
        .until(() -> watch.isReady(extra.name()));
    Duration ready = Duration.between(start, Instant.now());
    AwsCalls untilReady = AwsCalls.since(mark);
    // Other shares learn of the bucket's new policy at their next resync at the latest.
    Duration window = settings.resync().plus(SETTLE);
    await("one resync period")
        .during(window)
        .atMost(window.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(operator::alive);
    AwsCalls inWindow = AwsCalls.since(mark);
    Map<String, Integer> after = watch.statusWritesByShare();
    int own = after.getOrDefault(extra.name(), 0);
    int neighbours = 0;
    int elsewhere = 0;
    for (Map.Entry<String, Integer> e : after.entrySet()) {
      int added = e.getValue() - before.getOrDefault(e.getKey(), 0);
      if (sameBucket.contains(e.getKey())) {
        neighbours += added;
      } else if (!e.getKey().equals(extra.name())) {
        elsewhere += added;
      }
    }
    AwsCalls.Mark naiveMark = AwsCalls.mark(bench.proxy, Bench.NAIVE_KEY);
    writer.pass(List.of(extra), naive);
    AwsCalls naiveCalls = AwsCalls.since(naiveMark);
    return new ScenarioTable(
            String.format("S3: one share added to a bucket that holds %d", sameBucket.size()))
        .row("status writes, the added share", own, null)
        .row("status writes, other shares on its bucket", neighbours, null)
        .row("status writes, shares on other buckets", elsewhere, null)
        .row(
            "PutBucketPolicy until Ready",
            untilReady.putBucketPolicy(),
            naiveCalls.putBucketPolicy())
        .row("AWS calls until Ready", untilReady.total(), naiveCalls.total())
        .row("mutating AWS calls in the window", inWindow.mutating(), naiveCalls.mutating())
        .row("time to Ready s", seconds(ready), null)
        .note("operator AWS calls until Ready: " + untilReady.byKind())
        .note(
            "status writes: from the create until one resync period and "
                + SETTLE.toSeconds()
                + " s after the share is Ready, so that every share has re-read its bucket once.");
  }

  /** Creates the BucketShares from a few threads, as a burst of applies would. */
  private void create(List<String> buckets) {
    ExecutorService pool = Executors.newFixedThreadPool(settings.createThreads());
    try {
      List<Future<BucketShare>> created = new ArrayList<>();
      for (DeclaredShare s : shares) {
        BucketShare resource =
            s.resource(Bench.NAMESPACE, Bench.AWS_ACCOUNT, buckets.get(s.bucketIndex()));
        created.add(pool.submit(() -> bench.kube.resource(resource).create()));
      }
      for (Future<BucketShare> f : created) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating a share failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating shares", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Shares whose consumer the operator's bucket's policy does not name. */
  int lostByOperator(List<String> buckets) {
    List<String> policies = buckets.stream().map(b -> bench.policy(b).orElse("")).toList();
    return (int)
        shares.stream().filter(s -> !policies.get(s.bucketIndex()).contains(s.consumer())).count();
  }

  /** Shares whose statement is missing from the naive writer's bucket's policy. */
  int lostByNaive(List<String> buckets) {
    List<Set<String>> sids =
        buckets.stream().map(b -> NaiveWriter.sids(bench.policy(b).orElse("{}"))).toList();
    return (int)
        shares.stream()
            .filter(s -> !sids.get(s.bucketIndex()).contains(NaiveWriter.sid(s)))
            .count();
  }

  private Duration readyTimeout() {
    return Duration.ofMinutes(5).plusMillis(500L * shares.size());
  }

  private double perBucket(int count) {
    return count / (double) settings.buckets();
  }

  private static int most(AwsCalls calls) {
    Collection<Integer> puts = calls.putsByBucket().values();
    return puts.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static double per(int count, int n) {
    return count / (double) n;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static double ratio(Duration d, Duration bound) {
    return d.toMillis() / (double) Math.max(1, bound.toMillis());
  }
}
