package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.s3share.operator.Main;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.ClusterInstallationId;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.config.RuntimeConfig;
import io.s3share.operator.health.HealthServer;
import io.s3share.operator.metrics.AwsCallMetrics;
import io.s3share.sandbox.SandboxAws;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;

/**
 * The operator runs in-process exactly as the chart configures it (environment from the rendered
 * Deployment) and with exactly the chart's permissions: its client impersonates the chart's
 * ServiceAccount, and the API server authorizes every call with the chart's RBAC. Every file in
 * {@code examples/} reaches Ready, {@code kubectl wait} sees it, re-applying causes no AWS writes
 * and no status churn, and the ServiceAccount cannot do what it should not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExamplesUnderChartRbacIT {

  static final String RELEASE = "s3share";
  static final String SYSTEM = "s3share-system";
  static final String TENANT = "tenant-a";
  static final String OTHER = "tenant-b";
  static final String SERVICE_ACCOUNT = "system:serviceaccount:" + SYSTEM + ":" + RELEASE;
  static final Path CAPTURED = Path.of("target", "captured-status");

  static RealKubeApiServer apiServer;
  static KubernetesClient admin;
  static KubernetesClient operatorClient;
  static MotoServer moto;
  static SandboxAws aws;
  static AwsClientFactory operatorAws;
  static PrometheusMeterRegistry metrics;
  static OperatorConfig config;
  static RuntimeConfig runtime;
  static Main operator;
  static List<GenericKubernetesResource> examples;
  static final java.util.Set<String> CLUSTER_SCOPED =
      java.util.Set.of("AwsAccount", "SharingPolicy", "SharedBucket");

  @BeforeAll
  static void installChartAndStartOperatorAsItsServiceAccount() throws IOException {
    apiServer = RealKubeApiServer.shared();
    admin = apiServer.newClient();
    moto = MotoServer.shared();
    moto.reset();
    for (String ns : List.of(SYSTEM, TENANT, OTHER)) {
      // The tenant carries the label examples/sharing-policy.yaml selects.
      Map<String, String> labels =
          ns.equals(TENANT) ? Map.of("s3share.io/tenant", "demo") : Map.of();
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .serverSideApply();
    }
    Chart.installCrds(admin);
    List<HasMetadata> rendered =
        Chart.parse(
            admin,
            Chart.templateWithValues(
                RELEASE,
                SYSTEM,
                "watchNamespaces: [" + TENANT + "]\nleaderElection: {enabled: true}\n"));
    Chart.apply(admin, rendered);

    Map<String, String> env = deploymentEnvironment(rendered);
    Config impersonating = Config.fromKubeconfig(apiServer.kubeConfigYaml());
    impersonating.setImpersonateUsername(SERVICE_ACCOUNT);
    impersonating.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + SYSTEM, "system:authenticated");
    operatorClient = new KubernetesClientBuilder().withConfig(impersonating).build();

    // As Main does: the chart sets no installation id, so the ServiceAccount must be able to
    // derive one from kube-system.
    config = OperatorConfig.fromEnvironment(env, () -> ClusterInstallationId.of(operatorClient));
    runtime = RuntimeConfig.fromEnvironment(env);
    assertThat(config.watchNamespaces()).containsExactly(TENANT);
    assertThat(config.installationId()).matches("[0-9a-f]{12}");
    assertThat(runtime.leaseNamespace()).contains(SYSTEM);

    examples = readExamples();
    aws = new SandboxAws(moto, "111111111111", Region.EU_WEST_1);
    aws.createOperatorRole();
    bucketsOf(examples).forEach(aws::createBucketWithForeignStatement);
    // As Main serves it: JVM metrics, JOSDK's, and the operator's own.
    metrics = Main.prometheusRegistry();
    operatorAws =
        new AwsClientFactory(SandboxAws.credentials(), List.of(new AwsCallMetrics(metrics)));
    operator = startOperator();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (operatorAws != null) {
      operatorAws.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  @Order(1)
  void everyExampleBecomesReadyUnderTheChartsServiceAccount() throws IOException {
    applyAllExamples();

    for (GenericKubernetesResource example : examples) {
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(condition(current(example), "Ready"))
                      .as("%s %s Ready", example.getKind(), example.getMetadata().getName())
                      .isEqualTo("True"));
    }
    assertThat(aws.bucketPolicy("example-reports")).contains("222222222222", "o-exampleorg1");
    assertThat(admin.secrets().inNamespace(TENANT).list().getItems())
        .anySatisfy(s -> assertThat(s.getMetadata().getName()).contains("external-id"));

    ArgoCdHealth health = ArgoCdHealth.fromFile(Project.HEALTH_LUA);
    Files.createDirectories(CAPTURED);
    for (GenericKubernetesResource example : examples) {
      String json = Serialization.asJson(current(example));
      Files.writeString(
          CAPTURED.resolve(
              "real-"
                  + example.getKind().toLowerCase()
                  + "-"
                  + example.getMetadata().getName()
                  + ".json"),
          json);
      assertThat(health.evaluate(json).status()).isEqualTo("Healthy");
    }
  }

  @Test
  @Order(2)
  void kubectlWaitSeesReady() throws Exception {
    Path kubeconfig = Files.createTempFile("s3share-e2e-", ".kubeconfig");
    Files.writeString(kubeconfig, apiServer.kubeConfigYaml());
    try {
      kubectlWaitForEachExample(kubeconfig);
    } finally {
      Files.deleteIfExists(kubeconfig);
    }
  }

  private static void kubectlWaitForEachExample(Path kubeconfig) throws Exception {
    for (GenericKubernetesResource example : examples) {
      List<String> command = new ArrayList<>();
      command.add(TestEnvironment.kubeBinariesDir().resolve("kubectl").toString());
      command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "wait"));
      command.add("--for=condition=Ready");
      command.add("--timeout=30s");
      if (!isClusterScoped(example)) {
        command.addAll(List.of("-n", TENANT));
      }
      command.add(example.getKind().toLowerCase() + "/" + example.getMetadata().getName());
      Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(kubectl.exitValue()).as(output).isZero();
      assertThat(output).contains("condition met");
    }
  }

  @Test
  @Order(2)
  void healthAndPrometheusMetricsAreServed() throws Exception {
    try (HealthServer server =
        HealthServer.start(0, operator::started, ExamplesUnderChartRbacIT::scrape)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      String scrape =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(scrape)
          .contains("operator_sdk_")
          .contains(
              "s3share_aws_calls_total{error_code=\"none\",operation=\"PutBucketPolicy\",outcome=\"success\",service=\"S3\"}")
          .contains("operation=\"AssumeRole\"")
          .contains("s3share_resources{kind=\"BucketShare\",state=\"Ready\"}")
          .contains(
              "s3share_bucket_policy_bytes{account=\"111111111111\",bucket=\"example-reports\"}");
    }
  }

  @Test
  @Order(2)
  void everyMetricTheDashboardQueriesIsInARealScrape() throws Exception {
    Set<String> queried = new TreeSet<>();
    Dashboard.expressions(Dashboard.json()).forEach(e -> queried.addAll(Dashboard.metricNames(e)));
    assertThat(queried).isNotEmpty();
    try (HealthServer server =
        HealthServer.start(0, operator::started, ExamplesUnderChartRbacIT::scrape)) {
      // The GC pause timer has no series until the JVM's first collection, which a short run may
      // not have had yet: ask for one and scrape again until it is reported.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                System.gc();
                String scrape = scrape(server);
                // Kept for reading: the names and labels a dashboard or an alert can use.
                Files.createDirectories(CAPTURED);
                Files.writeString(CAPTURED.resolve("metrics.prom"), scrape);
                assertThat(Dashboard.scrapedNames(scrape))
                    .as(
                        "metrics the dashboard queries, against /metrics after every example"
                            + " converged")
                    .containsAll(queried);
              });
    }
  }

  private static String scrape(HealthServer server) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** As Main serves /metrics; the cache-read gauges are computed at scrape time. */
  private static String scrape() {
    return metrics.scrape();
  }

  @Test
  @Order(3)
  void reapplyingAndRestartingCausesNoAwsWritesAndNoStatusChurn() {
    // The claim is about a settled operator: a status still being written when the snapshot is
    // taken is not churn caused by the re-apply or the restart.
    Map<String, GenericKubernetesResource> before = awaitSettled();

    applyAllExamples();
    assertUnchangedSince(before);

    // A restarted operator (a new leader, a rollout) reconciles everything again from scratch.
    operator.close();
    metrics.clear();
    operator = startOperator();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                calls("GetBucketPolicy") > 0
                    // Roles are read in bulk per account, or one by one where the bulk read fails.
                    && (calls("GetRole") > 0 || calls("GetAccountAuthorizationDetails") > 0)
                    && calls("GetCallerIdentity") > 0);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(mutatingCalls()).as("mutating AWS calls").isEmpty();
              assertUnchangedSince(before);
            });
  }

  /** Every example as stored, once none has changed for 3 s. */
  private static Map<String, GenericKubernetesResource> awaitSettled() {
    AtomicReference<Map<String, String>> seen = new AtomicReference<>(resourceVersions());
    await("every example's stored version unchanged for 3 s")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> seen.getAndSet(resourceVersions()).equals(seen.get()));
    return examples.stream()
        .collect(
            Collectors.toMap(ExamplesUnderChartRbacIT::key, ExamplesUnderChartRbacIT::current));
  }

  /** Same stored versions as {@code before}; when not, the message shows what changed. */
  private static void assertUnchangedSince(Map<String, GenericKubernetesResource> before) {
    Map<String, GenericKubernetesResource> now =
        examples.stream()
            .collect(
                Collectors.toMap(ExamplesUnderChartRbacIT::key, ExamplesUnderChartRbacIT::current));
    assertThat(versions(now))
        .as(() -> "examples written since the snapshot:\n" + changes(before, now))
        .isEqualTo(versions(before));
  }

  private static Map<String, String> versions(Map<String, GenericKubernetesResource> resources) {
    return resources.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getMetadata().getResourceVersion()));
  }

  private static String changes(
      Map<String, GenericKubernetesResource> before, Map<String, GenericKubernetesResource> now) {
    StringBuilder text = new StringBuilder();
    before.forEach(
        (key, was) -> {
          GenericKubernetesResource is = now.get(key);
          if (!was.getMetadata()
              .getResourceVersion()
              .equals(is.getMetadata().getResourceVersion())) {
            text.append(key)
                .append("\n  before: ")
                .append(comparable(was))
                .append("\n  after:  ")
                .append(comparable(is))
                .append('\n');
          }
        });
    return text.toString();
  }

  /** The resource as JSON without the fields every write changes. */
  private static String comparable(GenericKubernetesResource resource) {
    JsonNode json = Serialization.jsonMapper().valueToTree(resource);
    var metadata = (com.fasterxml.jackson.databind.node.ObjectNode) json.path("metadata");
    metadata.remove(List.of("managedFields", "resourceVersion"));
    return json.toString();
  }

  private static String key(GenericKubernetesResource example) {
    return example.getKind() + "/" + example.getMetadata().getName();
  }

  @Test
  @Order(4)
  void theServiceAccountCannotDoMoreThanItNeeds() {
    assertThat(allowed("get", "", "secrets", TENANT)).isTrue();
    assertThat(allowed("create", "coordination.k8s.io", "leases", SYSTEM)).isTrue();
    assertThat(allowed("patch", "s3share.io", "bucketshares", TENANT)).isTrue();
    // It adds its finalizer to SharingPolicies, but never writes or removes guardrails.
    assertThat(allowed("patch", "s3share.io", "sharingpolicies", null)).isTrue();
    assertThat(allowed("create", "s3share.io", "sharingpolicies", null)).isFalse();
    assertThat(allowed("delete", "s3share.io", "sharingpolicies", null)).isFalse();
    assertThat(allowed("list", "s3share.io", "sharingpolicies", null)).isTrue();

    // Secrets: ExternalIds in the watched namespace only (the labelled-Secret informer lists and
    // watches there), never deleted or patched; nothing in other namespaces or cluster-wide; in
    // the release namespace only get, for AwsAccount ExternalIds.
    for (String verb : List.of("get", "list", "watch", "create", "update")) {
      assertThat(allowed(verb, "", "secrets", TENANT))
          .as("%s secrets in %s", verb, TENANT)
          .isTrue();
    }
    for (String verb : List.of("delete", "deletecollection", "patch")) {
      assertThat(allowed(verb, "", "secrets", TENANT))
          .as("%s secrets in %s", verb, TENANT)
          .isFalse();
    }
    for (String verb : List.of("get", "list", "watch", "create", "update")) {
      assertThat(allowed(verb, "", "secrets", OTHER)).as("%s secrets in %s", verb, OTHER).isFalse();
      assertThat(allowed(verb, "", "secrets", "kube-system"))
          .as("%s in kube-system", verb)
          .isFalse();
      assertThat(allowed(verb, "", "secrets", null)).as("%s secrets cluster-wide", verb).isFalse();
    }
    assertThat(allowed("get", "", "secrets", SYSTEM)).isTrue();
    for (String verb : List.of("list", "watch", "create", "update", "delete")) {
      assertThat(allowed(verb, "", "secrets", SYSTEM))
          .as("%s secrets in %s", verb, SYSTEM)
          .isFalse();
    }
    assertThat(allowed("get", "s3share.io", "bucketshares", OTHER)).isFalse();
    assertThat(allowed("delete", "apiextensions.k8s.io", "customresourcedefinitions", null))
        .isFalse();
    assertThat(allowed("create", "rbac.authorization.k8s.io", "clusterrolebindings", null))
        .isFalse();
    assertThat(allowed("delete", "", "namespaces", null)).isFalse();
    assertThat(allowed("create", "", "pods", TENANT)).isFalse();
    assertThat(allowed("create", "coordination.k8s.io", "leases", TENANT)).isFalse();

    assertThatThrownBy(() -> operatorClient.secrets().inNamespace(OTHER).withName("anything").get())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                operatorClient
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName("bucketshares.s3share.io")
                    .delete())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }

  @Test
  @Order(5)
  void aShareOfAMissingBucketIsStalledAndDegradedForArgoCd() throws IOException {
    // The platform team allows the bucket (deny by default); it just does not exist in AWS.
    GenericKubernetesResource policy =
        Serialization.unmarshal(
            """
            apiVersion: s3share.io/v1alpha1
            kind: SharingPolicy
            metadata:
              name: allow-example-missing
            spec:
              namespaceSelector: { matchLabels: { s3share.io/tenant: demo } }
              accounts: [owner]
              buckets: [example-missing]
              consumers: { accountIds: ["222222222222"] }
              maxAccess: Read
              methods: [BucketPolicy]
            """,
            GenericKubernetesResource.class);
    admin.resource(policy).serverSideApply();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(condition(current(policy), "Ready")).isEqualTo("True"));
    GenericKubernetesResource share =
        Serialization.unmarshal(
            """
            apiVersion: s3share.io/v1alpha1
            kind: BucketShare
            metadata:
              name: missing-bucket
              namespace: %s
            spec:
              bucket: { name: example-missing, accountRef: owner }
              consumers: [ { accountId: "222222222222" } ]
              access: Read
            """
                .formatted(TENANT),
            GenericKubernetesResource.class);
    admin.resource(share).serverSideApply();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(condition(current(share), "Stalled")).isEqualTo("True"));
    String json = Serialization.asJson(current(share));
    Files.createDirectories(CAPTURED);
    Files.writeString(CAPTURED.resolve("real-bucketshare-stalled.json"), json);
    ArgoCdHealth.Result health = ArgoCdHealth.fromFile(Project.HEALTH_LUA).evaluate(json);
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("example-missing");
    admin.resource(share).delete();
  }

  private static Main startOperator() {
    // As Main.leaderElection(runtime) in the pod, but with a fixed identity, so that a restart
    // takes the Lease over at once, and without exiting the JVM when leadership stops.
    var lease =
        new LeaderElectionConfiguration(
            runtime.leaseName(),
            runtime.leaseNamespace().orElseThrow(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
            "e2e-operator",
            null,
            false);
    return new Main(operatorClient, operatorAws, config, Optional.of(lease), metrics).start();
  }

  @SuppressWarnings("unchecked")
  private static java.util.Set<String> bucketsOf(List<GenericKubernetesResource> examples) {
    java.util.Set<String> buckets = new java.util.TreeSet<>();
    for (GenericKubernetesResource example : examples) {
      Object spec = example.getAdditionalProperties().get("spec");
      if (spec instanceof Map<?, ?> map && map.get("bucket") instanceof Map<?, ?> bucket) {
        buckets.add((String) bucket.get("name"));
      }
      if (spec instanceof Map<?, ?> map && map.get("grants") instanceof List<?> grants) {
        grants.forEach(g -> buckets.add((String) ((Map<String, Object>) g).get("bucket")));
      }
    }
    return buckets;
  }

  private static Map<String, String> deploymentEnvironment(List<HasMetadata> rendered) {
    Deployment deployment =
        rendered.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    Map<String, String> env = new HashMap<>();
    for (EnvVar var :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      }
    }
    env.put("POD_NAMESPACE", SYSTEM); // the Downward API's answer
    return env;
  }

  private static List<GenericKubernetesResource> readExamples() throws IOException {
    List<GenericKubernetesResource> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(Project.EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        all.add(Serialization.unmarshal(Files.readString(file), GenericKubernetesResource.class));
      }
    }
    assertThat(all).extracting(GenericKubernetesResource::getKind).contains("AwsAccount");
    // Cluster-scoped resources first: shares refer to the AwsAccount and need a SharingPolicy.
    all.sort((a, b) -> Boolean.compare(!isClusterScoped(a), !isClusterScoped(b)));
    return all;
  }

  private static boolean isClusterScoped(GenericKubernetesResource resource) {
    return CLUSTER_SCOPED.contains(resource.getKind());
  }

  /**
   * Applies the platform team's cluster-scoped examples, waits until every SharingPolicy is Ready
   * (the operator has written the index the admission policy reads), then the tenant's.
   */
  private void applyAllExamples() {
    examples.stream().filter(ExamplesUnderChartRbacIT::isClusterScoped).forEach(this::applyExample);
    examples.stream()
        .filter(example -> "SharingPolicy".equals(example.getKind()))
        .forEach(
            policy ->
                await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                        () -> assertThat(condition(current(policy), "Ready")).isEqualTo("True")));
    examples.stream()
        .filter(e -> !isClusterScoped(e))
        .forEach(
            example ->
                await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> admittedOnceParamsAreSeen(example)));
  }

  /**
   * The index the admission policy reads exists once the SharingPolicies are Ready, but the API
   * server's admission plugin sees it through its own informer, a moment later: until then it
   * answers "no params found". Any other refusal fails the test at once.
   */
  private boolean admittedOnceParamsAreSeen(GenericKubernetesResource example) {
    try {
      applyExample(example);
      return true;
    } catch (KubernetesClientException e) {
      if (String.valueOf(e.getMessage()).contains("no params found")) {
        return false;
      }
      throw e;
    }
  }

  /** Applies one example as a user would; AwsAccounts point at moto, the rest go to the tenant. */
  @SuppressWarnings("unchecked")
  private void applyExample(GenericKubernetesResource example) {
    GenericKubernetesResource copy = Serialization.clone(example);
    if ("AwsAccount".equals(copy.getKind())) {
      Map<String, Object> spec = (Map<String, Object>) copy.getAdditionalProperties().get("spec");
      spec.put("endpoints", Map.of("url", moto.endpoint().toString()));
    } else if (!isClusterScoped(copy)) {
      copy.getMetadata().setNamespace(TENANT);
    }
    admin.resource(copy).fieldManager("gitops").serverSideApply();
  }

  private static GenericKubernetesResource current(GenericKubernetesResource example) {
    String namespace = isClusterScoped(example) ? null : TENANT;
    var resources = admin.genericKubernetesResources(example.getApiVersion(), example.getKind());
    return (namespace == null ? resources : resources.inNamespace(namespace))
        .withName(example.getMetadata().getName())
        .get();
  }

  private static String condition(GenericKubernetesResource resource, String type) {
    JsonNode status =
        new ObjectMapper().valueToTree(resource.getAdditionalProperties().get("status"));
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText();
      }
    }
    return "absent";
  }

  private static Map<String, String> resourceVersions() {
    return examples.stream()
        .collect(
            Collectors.toMap(
                e -> e.getKind() + "/" + e.getMetadata().getName(),
                e -> current(e).getMetadata().getResourceVersion()));
  }

  private static double calls(String operation) {
    return metrics.find(AwsCallMetrics.METER).tag("operation", operation).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static List<String> mutatingCalls() {
    return metrics.find(AwsCallMetrics.METER).counters().stream()
        .map(c -> c.getId().getTag("operation"))
        .filter(
            op ->
                Stream.of("Put", "Delete", "Create", "Update", "Tag", "Untag", "Attach", "Detach")
                    .anyMatch(op::startsWith))
        .toList();
  }

  private static boolean allowed(String verb, String group, String resource, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withVerb(verb)
            .withGroup(group)
            .withResource(resource)
            .withNamespace(namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    return operatorClient
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}
