package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.status.Conditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * S5: the operator's memory, as its own JVM with the chart's options and with each candidate set:
 * idle, watching an empty namespace, and with every share and role of the run in its caches once it
 * has reconciled them all. Grows S1's shares and S4's roles to the sizes asked for first.
 */
final class MemoryScenario {

  static final String EMPTY_NAMESPACE = "scale-empty";
  // Enough for the operator to finish what its start began, short of any resync.
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final int SHARES_PER_BUCKET = 100;

  private final ScaleSettings settings;
  private final Bench bench;
  private final ShareWatch watch;

  MemoryScenario(ScaleSettings settings, Bench bench, ShareWatch watch) {
    this.settings = settings;
    this.bench = bench;
    this.watch = watch;
  }

  /** One JVM option set's figures. */
  record Measured(
      String options, OperatorJvm.Memory idle, OperatorJvm.Memory loaded, Duration start) {

    String line() {
      return String.format(
          Locale.ROOT,
          "RSS idle %.0f MiB, loaded %.0f MiB; heap after GC idle %.0f MiB, loaded %.0f MiB;"
              + " settled in %.0f s: %s",
          idle.rssMib(),
          loaded.rssMib(),
          idle.heapMib(),
          loaded.heapMib(),
          start.toMillis() / 1000.0,
          options);
    }
  }

  /**
   * Runs after S1 to S4, with their operator stopped: each JVM here is the only one reconciling.
   *
   * @param sharesSoFar the BucketShares in the namespace (S1's and S3's)
   * @param rolesSoFar the CrossAccountRoles S4 made
   */
  ScenarioTable run(int sharesSoFar, int rolesSoFar) {
    ScaleSettings.MemorySettings sizes = settings.memory();
    // AWS latency is not what is measured: converging thousands of shares at 50 ms a call would
    // only make the run longer.
    bench.proxy.latency(Duration.ZERO);
    bench
        .kube
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(EMPTY_NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    int extraBuckets =
        (int) Math.ceil(Math.max(0, sizes.shares() - sharesSoFar) / (double) SHARES_PER_BUCKET);
    List<String> buckets = bench.createBuckets("mem", extraBuckets);
    createShares(sharesSoFar, sizes.shares() - sharesSoFar, buckets);
    createRoles(rolesSoFar, sizes.roles() - rolesSoFar, buckets);
    int shares = Math.max(sizes.shares(), sharesSoFar);
    int roles = Math.max(sizes.roles(), rolesSoFar);

    List<Measured> measured = new ArrayList<>();
    measured.add(
        measure(
            "chart: " + chartOptions(),
            ChartJvmFlags.of(settings.projectDir()),
            shares,
            roles,
            true));
    for (String candidate : sizes.candidates()) {
      measured.add(
          measure(
              candidate,
              ChartJvmFlags.with(settings.projectDir(), candidate),
              shares,
              roles,
              false));
    }
    bench.proxy.latency(settings.latency(), settings.latencyByService());

    ScenarioTable table =
        new ScenarioTable(
            String.format(
                "S5: the operator's memory, idle and with %d BucketShares and %d CrossAccountRoles"
                    + " cached, settled",
                shares, roles));
    Measured chart = measured.get(0);
    table
        .row("heap after GC MiB, idle", chart.idle().heapMib(), null)
        .row("RSS MiB, idle", chart.idle().rssMib(), null)
        .row("heap after GC MiB, loaded", chart.loaded().heapMib(), null)
        .row("RSS MiB, loaded", chart.loaded().rssMib(), null)
        .row("start to settled s, loaded", chart.start().toMillis() / 1000.0, null);
    table.note("JVM options " + chart.options());
    measured.forEach(m -> table.note(m.line()));
    table.note(
        "idle: watching an empty namespace; loaded: every share and role reconciled once after"
            + " start, then "
            + QUIET.toSeconds()
            + " s without a reconcile; RSS is VmRSS, heap is measured after jcmd GC.run.");
    return table;
  }

  private String chartOptions() {
    return String.join(" ", ChartJvmFlags.of(settings.projectDir()));
  }

  private Measured measure(String name, List<String> flags, int shares, int roles, boolean first) {
    OperatorJvm.Memory idle;
    try (OperatorJvm jvm = start(flags, EMPTY_NAMESPACE)) {
      awaitSettled(jvm, Map.of());
      idle = jvm.memory();
    }
    long began = System.nanoTime();
    try (OperatorJvm jvm = start(flags, Bench.NAMESPACE)) {
      if (first) {
        // The first JVM converges the shares and roles just added: all of them Ready.
        await("all " + shares + " shares Ready")
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofSeconds(1))
            .failFast("the operator's JVM exited; see " + jvm.log, () -> !jvm.alive())
            .until(() -> watch.readyCount() >= shares);
        await("all " + roles + " roles Ready")
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofSeconds(2))
            .failFast("the operator's JVM exited; see " + jvm.log, () -> !jvm.alive())
            .until(() -> readyRoles() >= roles);
      }
      awaitSettled(jvm, Map.of("bucketshare", (double) shares, "crossaccountrole", (double) roles));
      Duration start = Duration.ofNanos(System.nanoTime() - began);
      Measured m = new Measured(name, idle, jvm.memory(), start);
      // As it comes: a long run's option sets are then not lost if it is cut short.
      System.out.println("S5 " + m.line());
      return m;
    }
  }

  /** Ready, every controller has started at least the reconciles given, then quiet. */
  private void awaitSettled(OperatorJvm jvm, Map<String, Double> atLeast) {
    await("the operator ready")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .failFast("the operator's JVM exited; see " + jvm.log, () -> !jvm.alive())
        .until(jvm::ready);
    await("every share and role reconciled once")
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the operator's JVM exited; see " + jvm.log, () -> !jvm.alive())
        .until(
            () -> {
              Map<String, Double> started = Reconciles.byController(jvm.metrics());
              return atLeast.entrySet().stream()
                  .allMatch(e -> started.getOrDefault(e.getKey(), 0.0) >= e.getValue());
            });
    Reconciles.awaitQuiet(jvm, QUIET, Duration.ofMinutes(30));
  }

  private OperatorJvm start(List<String> flags, String namespace) {
    Map<String, String> env = new HashMap<>(ScaleBenchmark.env(settings));
    env.put("S3SHARE_WATCH_NAMESPACES", namespace);
    // The chart's period: no resync while a JVM is measured.
    env.put("S3SHARE_RESYNC_PERIOD", "PT10M");
    return OperatorJvm.start(
        settings, flags, bench.apiServer.kubeConfigYaml(), Bench.OPERATOR_KEY, env);
  }

  private long readyRoles() {
    return bench
        .kube
        .resources(CrossAccountRole.class)
        .inNamespace(Bench.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(
            r ->
                r.getStatus() != null
                    && Conditions.find(r.getStatus().getConditions(), Conditions.READY)
                        .filter(c -> "True".equals(c.getStatus()))
                        .isPresent())
        .count();
  }

  private void createShares(int from, int count, List<String> buckets) {
    bench.createAll(
        IntStream.range(0, Math.max(0, count))
            .mapToObj(
                i ->
                    new DeclaredShare(
                            String.format("share-%05d", from + i),
                            i / SHARES_PER_BUCKET,
                            DeclaredShare.consumer(from + i))
                        .resource(
                            Bench.NAMESPACE, Bench.AWS_ACCOUNT, buckets.get(i / SHARES_PER_BUCKET)))
            .toList(),
        settings.createThreads());
  }

  private void createRoles(int from, int count, List<String> buckets) {
    List<String> grantBuckets = buckets.isEmpty() ? List.of("ours-00") : buckets;
    bench.createAll(
        DeclaredRole.spread(from + Math.max(0, count), grantBuckets).stream()
            .skip(from)
            .map(r -> r.resource(Bench.NAMESPACE, Bench.AWS_ACCOUNT))
            .toList(),
        settings.createThreads());
  }
}
