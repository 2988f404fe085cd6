package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.s3share.operator.api.v1alpha1.BucketShare;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * S6: SharingPolicies, each selecting namespaces by a label, and shares spread over those
 * namespaces, all admitted and Ready; then one namespace is relabelled from one policy's tenant to
 * another's. Counts the reconciles and API-server requests that one change causes, which should
 * follow the shares in that namespace and the two policies, not every share or every policy.
 */
final class PolicyScenario {

  static final String LABEL = "s3share.io/tenant";
  // Long enough on a loaded machine for the events of one change to reach every controller.
  private static final Duration QUIET = Duration.ofSeconds(15);
  private static final int SHARES_PER_BUCKET = 100;

  private final ScaleSettings settings;
  private final Bench bench;

  PolicyScenario(ScaleSettings settings, Bench bench) {
    this.settings = settings;
    this.bench = bench;
  }

  /** Runs with no other operator JVM up: this one enforces SharingPolicies. */
  ScenarioTable run() {
    ScaleSettings.PolicySettings sizes = settings.policies();
    bench.proxy.latency(Duration.ZERO);
    List<String> namespaces =
        IntStream.range(0, sizes.namespaces()).mapToObj(i -> String.format("pol-%02d", i)).toList();
    List<String> consumers =
        IntStream.range(0, namespaces.size()).mapToObj(PolicyScenario::consumer).toList();
    for (int i = 0; i < namespaces.size(); i++) {
      applyNamespace(namespaces.get(i), tenant(i % sizes.policies()));
    }
    bench.createAll(
        IntStream.range(0, sizes.policies())
            .mapToObj(j -> policy(j, consumers))
            .map(yaml -> bench.kube.resource(yaml).item())
            .toList(),
        settings.createThreads());
    List<String> buckets =
        bench.createBuckets("pol", (int) Math.ceil(sizes.shares() / (double) SHARES_PER_BUCKET));
    List<BucketShare> shares =
        IntStream.range(0, sizes.shares())
            .mapToObj(
                k ->
                    new DeclaredShare(
                            String.format("pshare-%05d", k),
                            k % buckets.size(),
                            consumer(k % namespaces.size()))
                        .resource(
                            namespaces.get(k % namespaces.size()),
                            Bench.AWS_ACCOUNT,
                            buckets.get(k % buckets.size())))
            .toList();

    try (ShareWatch watch = new ShareWatch(bench.kube, null)) {
      long readyBefore = watch.readyCount();
      bench.createAll(shares, settings.createThreads());
      Map<String, String> env = new HashMap<>(ScaleBenchmark.env(settings));
      env.put("S3SHARE_SHARING_POLICIES", "Enforce");
      // Every namespace, as the chart's default: the servers hold no other shares.
      env.put("S3SHARE_WATCH_NAMESPACES", "");
      // The chart's period: no resync inside the measured window.
      env.put("S3SHARE_RESYNC_PERIOD", "PT10M");
      try (OperatorJvm jvm =
          OperatorJvm.start(settings, bench.apiServer.kubeConfigYaml(), Bench.OPERATOR_KEY, env)) {
        await("all " + shares.size() + " policy-checked shares Ready")
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofSeconds(1))
            .failFast("the operator's JVM exited; see " + jvm.log, () -> !jvm.alive())
            .until(() -> watch.readyCount() >= readyBefore + shares.size());
        Reconciles.awaitQuiet(jvm, QUIET, Duration.ofMinutes(30));

        int statusWritesBefore = watch.statusWrites();
        Map<String, Double> reconcilesBefore = Reconciles.byController(jvm.metrics());
        PrometheusText apiBefore = apiServerMetrics();
        String moved = namespaces.get(0);
        relabel(moved, tenant(1 % sizes.policies()));
        // Events take a moment to reach the operator: let it start before waiting for quiet.
        await("the operator reconciles after the relabel")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> Reconciles.total(jvm.metrics()) > sum(reconcilesBefore));
        Reconciles.awaitQuiet(jvm, QUIET, Duration.ofMinutes(30));
        Map<String, Double> reconciles =
            PrometheusText.growth(reconcilesBefore, Reconciles.byController(jvm.metrics()));
        PrometheusText apiAfter = apiServerMetrics();
        Map<String, Double> requests =
            PrometheusText.growth(requestsByKind(apiBefore), requestsByKind(apiAfter));
        int statusWrites = watch.statusWrites() - statusWritesBefore;

        long inMoved =
            shares.stream().filter(s -> s.getMetadata().getNamespace().equals(moved)).count();
        double apiRequests = requests.values().stream().mapToDouble(Double::doubleValue).sum();
        return new ScenarioTable(
                String.format(
                    "S6: %d SharingPolicies, %d shares in %d namespaces; one namespace (%d shares)"
                        + " relabelled from one policy's tenant to another's",
                    sizes.policies(), shares.size(), namespaces.size(), inMoved))
            .row("shares in the relabelled namespace", inMoved, null)
            .row("BucketShare reconciles", whole(reconciles.get("bucketshare")), null)
            .row("SharingPolicy reconciles", whole(reconciles.get("sharingpolicy")), null)
            .row("CrossAccountRole reconciles", whole(reconciles.get("crossaccountrole")), null)
            .row("API-server requests", whole(apiRequests), null)
            .row("API-server requests per share moved", apiRequests / Math.max(1, inMoved), null)
            .row("share status writes", statusWrites, null)
            .note("operator reconciles by controller: " + wholes(reconciles))
            .note("API-server requests by verb and resource: " + wholes(requests))
            .note(
                "API-server requests: apiserver_request_total on the kube-apiserver's /metrics,"
                    + " before the relabel and once the operator has started no reconcile for "
                    + QUIET.toSeconds()
                    + " s; the relabel's own PATCH is one of them.");
      }
    } finally {
      bench.proxy.latency(settings.latency(), settings.latencyByService());
    }
  }

  private static double sum(Map<String, Double> counts) {
    return counts.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static long whole(Double d) {
    return d == null ? 0 : Math.round(d);
  }

  private static String wholes(Map<String, Double> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> e.getKey() + "=" + Math.round(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** Resource requests by verb and resource; the scrapes of /metrics themselves left out. */
  private static Map<String, Double> requestsByKind(PrometheusText metrics) {
    Map<String, Double> byKind = new HashMap<>();
    metrics
        .sumBy(
            "apiserver_request_total",
            l ->
                l.getOrDefault("resource", "").isEmpty()
                    ? ""
                    : l.getOrDefault("verb", "?")
                        + " "
                        + l.get("resource")
                        + (l.getOrDefault("subresource", "").isEmpty()
                            ? ""
                            : "/" + l.get("subresource")))
        .forEach(
            (k, v) -> {
              if (!k.isEmpty()) {
                byKind.put(k, v);
              }
            });
    return byKind;
  }

  private PrometheusText apiServerMetrics() {
    String base = bench.kube.getMasterUrl().toString();
    return PrometheusText.parse(bench.kube.raw(base + (base.endsWith("/") ? "" : "/") + "metrics"));
  }

  private void applyNamespace(String name, String tenant) {
    bench
        .kube
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(LABEL, tenant)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private void relabel(String namespace, String tenant) {
    bench
        .kube
        .namespaces()
        .withName(namespace)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"" + LABEL + "\":\"" + tenant + "\"}}}");
  }

  static String tenant(int policy) {
    return String.format("t-%03d", policy);
  }

  static String consumer(int namespace) {
    return String.valueOf(500_000_000_000L + namespace);
  }

  /** SharingPolicy {@code j}: namespaces of its tenant may share pol-* buckets' shared/ prefix. */
  String policy(int j, List<String> consumers) {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: s3share.io/v1alpha1
        kind: SharingPolicy
        metadata:
          name: pol-%03d
        spec:
          namespaceSelector:
            matchLabels:
              %s: %s
          accounts: [%s]
          buckets: ["pol-*"]
          prefixes: [%s]
          consumers:
            accountIds: [%s]
          maxAccess: Read
          methods: [BucketPolicy, AccessPoint, CrossAccountRole]
          requireExternalId: true
          requireTls: false
        """,
        j,
        LABEL,
        tenant(j),
        Bench.AWS_ACCOUNT,
        DeclaredShare.PREFIX,
        consumers.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")));
  }
}
