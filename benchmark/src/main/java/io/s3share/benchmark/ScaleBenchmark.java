package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.status.Conditions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scale benchmark: the operator's packaged jar, as its own JVM with the chart's flags, and a
 * naive read-modify-write writer, each over the same shares, with the same parallelism and AWS
 * latency, on the same real API server and moto. Prints one table per scenario; run with {@code
 * ./mvnw -Pbenchmark verify} (sizes: see {@link ScaleSettings}).
 */
public final class ScaleBenchmark {

  private ScaleBenchmark() {}

  public static void main(String[] args) {
    ScaleSettings settings = ScaleSettings.fromSystemProperties();
    System.out.println(machine(settings));
    for (ScenarioTable table : run(settings)) {
      System.out.println();
      System.out.print(table.render());
    }
  }

  /** Runs the scenarios the settings name, on servers of its own, and returns their tables. */
  public static List<ScenarioTable> run(ScaleSettings settings) {
    return run(settings, (bench, naiveBuckets, shares) -> {});
  }

  /** Looks at AWS after the scenarios, before the servers stop. */
  interface AfterRun {
    void inspect(Bench bench, List<String> naiveBuckets, List<DeclaredShare> shares);
  }

  static List<ScenarioTable> run(ScaleSettings settings, AfterRun after) {
    try (Bench bench = Bench.start(settings)) {
      return run(settings, bench, after);
    }
  }

  private static List<ScenarioTable> run(ScaleSettings settings, Bench bench, AfterRun after) {
    List<String> ours = bench.createBuckets("ours", settings.buckets());
    List<String> naive = bench.createBuckets("naive", settings.buckets());
    List<DeclaredShare> shares = DeclaredShare.spread(settings.shares(), settings.buckets());
    bench.applyAccount();
    List<ScenarioTable> tables = new ArrayList<>();
    try (ShareWatch watch = new ShareWatch(bench.kube, Bench.NAMESPACE)) {
      try (OperatorJvm operator =
              OperatorJvm.start(
                  settings, bench.apiServer.kubeConfigYaml(), Bench.OPERATOR_KEY, env(settings));
          NaiveWriter writer =
              new NaiveWriter(bench.proxy.endpoint(), Bench.NAIVE_KEY, settings.parallelism())) {
        awaitAccountReady(bench, operator);
        OperatorJvm.Memory idle = operator.memory();
        Scenarios scenarios = new Scenarios(settings, bench, operator, writer, watch, shares);
        tables.add(scenarios.burst(ours, naive, idle));
        if (settings.scenarios().contains("S2")) {
          tables.add(scenarios.idle(ours, naive));
        }
        if (settings.scenarios().contains("S3")) {
          tables.add(scenarios.oneMore(ours, naive));
        }
        if (settings.scenarios().contains("S4")) {
          tables.add(new RoleScenario(settings, bench, operator).run(ours));
        }
        after.inspect(bench, naive, shares);
      }
      // S5 and S6 run JVMs of their own, each the only operator up, with other settings.
      if (settings.scenarios().contains("S5")) {
        int roles = settings.scenarios().contains("S4") ? settings.roles() : 0;
        tables.add(new MemoryScenario(settings, bench, watch).run(settings.shares(), roles));
      }
    }
    if (settings.scenarios().contains("S6")) {
      // Servers of its own: the operator there watches every namespace, as the chart's default
      // does, and S1 to S5's shares, which no SharingPolicy admits, would only add noise.
      try (Bench policies = Bench.start(settings)) {
        policies.applyAccount();
        tables.add(new PolicyScenario(settings, policies).run());
      }
    }
    return tables;
  }

  /** The operator's settings for S1 to S4; S5 and S6 change a few. */
  static Map<String, String> env(ScaleSettings settings) {
    return Map.of(
        "S3SHARE_INSTALLATION_ID",
        Bench.INSTALLATION,
        "S3SHARE_WATCH_NAMESPACES",
        Bench.NAMESPACE,
        // Guardrails are not what is measured here: opt out explicitly.
        "S3SHARE_SHARING_POLICIES",
        "Disabled",
        "S3SHARE_RESYNC_PERIOD",
        settings.resync().toString(),
        "S3SHARE_LEADER_ELECTION",
        "false");
  }

  // The account's first verification reconciles every share on it once more: let it happen
  // before anything is measured.
  private static void awaitAccountReady(Bench bench, OperatorJvm operator) {
    await("AwsAccount " + Bench.AWS_ACCOUNT + " Ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .failFast("the operator's JVM exited; see " + operator.log, () -> !operator.alive())
        .until(
            () -> {
              AwsAccount a =
                  bench.kube.resources(AwsAccount.class).withName(Bench.AWS_ACCOUNT).get();
              return a != null
                  && a.getStatus() != null
                  && Conditions.find(a.getStatus().getConditions(), Conditions.READY)
                      .filter(c -> "True".equals(c.getStatus()))
                      .isPresent();
            });
  }

  private static long memoryGib() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024))
        : -1;
  }

  static String machine(ScaleSettings settings) {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "Scale benchmark: %d shares over %d buckets; AWS latency %d ms (IAM %d ms); naive writer"
            + " threads %d; %d roles; resync %s x %d; %d cores, %d GiB, Java %s; operator JVM"
            + " flags %s",
        settings.shares(),
        settings.buckets(),
        settings.latency().toMillis(),
        settings.iamLatency().toMillis(),
        settings.parallelism(),
        settings.roles(),
        settings.resync(),
        settings.resyncs(),
        rt.availableProcessors(),
        memoryGib(),
        System.getProperty("java.version"),
        ChartJvmFlags.of(settings.projectDir()));
  }
}
