package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.testenv.RealKubeApiServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's production knobs: names, the image tag, logging, heap flags, high availability at
 * more than one replica, and the Grafana dashboard; rendered by a real Helm and, where it matters,
 * accepted by a real kube-apiserver.
 */
class ChartProductionIT {

  static final String NAMESPACE = "chart-production";
  static KubernetesClient admin;

  @BeforeAll
  static void apiServer() {
    admin = RealKubeApiServer.shared().newClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @Test
  void namesFollowTheReleaseUnlessOverridden() {
    assertThat(names(render("s3share", ""))).containsOnly("s3share", "s3share-metrics");
    assertThat(names(render("s3share", "nameOverride: shares")))
        .containsOnly("s3share-shares", "s3share-shares-metrics");
    assertThat(names(render("s3share", "fullnameOverride: platform-s3")))
        .containsOnly("platform-s3", "platform-s3-metrics");
    Deployment overridden = deployment(render("s3share", "nameOverride: shares"));
    assertThat(overridden.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "shares");
    assertThat(overridden.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("s3share-shares");
  }

  @Test
  void theImageTagDefaultsToTheChartsAppVersion() {
    String appVersion = chartYaml("appVersion");
    assertThat(operator(render("s3share", "")).getImage())
        .isEqualTo("s3-share-operator:" + appVersion);
    assertThat(operator(render("s3share", "image: {tag: \"9.9.9\"}")).getImage())
        .isEqualTo("s3-share-operator:9.9.9");
  }

  @Test
  void logFormatAndLevelBecomeEnvironmentVariables() {
    Map<String, String> defaults = env(operator(render("s3share", "")));
    assertThat(defaults).containsEntry("S3SHARE_LOG_FORMAT", "text");
    assertThat(defaults).containsEntry("S3SHARE_LOG_LEVEL", "INFO");
    Map<String, String> json =
        env(operator(render("s3share", "logging: {format: json, level: DEBUG}")));
    assertThat(json).containsEntry("S3SHARE_LOG_FORMAT", "json");
    assertThat(json).containsEntry("S3SHARE_LOG_LEVEL", "DEBUG");
  }

  @Test
  void heapFlagsAreSetOnceFromTheJvmValue() {
    Container c = operator(render("s3share", "jvm: {maxRamPercentage: 60}"));
    List<String> heapFlags =
        c.getEnv().stream()
            .map(EnvVar::getValue)
            .filter(v -> v != null && v.contains("RAMPercentage"))
            .toList();
    assertThat(heapFlags).singleElement().asString().contains("-XX:MaxRAMPercentage=60");
    assertThat(Optional.ofNullable(c.getArgs()).orElse(List.of())).noneMatch(a -> a.contains("-X"));
    assertThat(Optional.ofNullable(c.getCommand()).orElse(List.of()))
        .noneMatch(a -> a.contains("-X"));
  }

  @Test
  void oneReplicaGetsNoDisruptionBudgetAndNoSpread() {
    List<HasMetadata> rendered = render("s3share", "");
    assertThat(rendered).noneMatch(PodDisruptionBudget.class::isInstance);
    assertThat(
            deployment(rendered).getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .isNullOrEmpty();
  }

  @Test
  void moreReplicasGetADisruptionBudgetAndSpreadAcceptedByTheApiServer() {
    List<HasMetadata> rendered = render("chart-ha", "replicas: 3");
    PodDisruptionBudget pdb =
        rendered.stream()
            .filter(PodDisruptionBudget.class::isInstance)
            .map(PodDisruptionBudget.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", "chart-ha");
    Deployment deployment = deployment(rendered);
    assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(t -> t.getTopologyKey())
        .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    // A rolling update never takes the only leader candidate away before its successor runs.
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();

    List<HasMetadata> stored =
        Chart.apply(
            admin,
            rendered.stream()
                .filter(o -> o instanceof PodDisruptionBudget || o instanceof Deployment)
                .toList());
    assertThat(stored).allSatisfy(o -> assertThat(o.getMetadata().getUid()).isNotBlank());

    List<HasMetadata> withoutBudget =
        render("chart-ha", "replicas: 3\npodDisruptionBudget: {enabled: false}");
    assertThat(withoutBudget).noneMatch(PodDisruptionBudget.class::isInstance);
  }

  @Test
  void theDashboardIsOffByDefaultAndAValidGrafanaDashboardWhenOn() throws Exception {
    assertThat(render("s3share", "")).noneMatch(ConfigMap.class::isInstance);
    List<HasMetadata> rendered = render("s3share", "dashboards: {enabled: true}");
    ConfigMap dashboard =
        rendered.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(dashboard.getData().values().iterator().next());
    assertThat(json.path("title").asText()).isNotBlank();
    assertThat(json.path("panels").size()).isGreaterThanOrEqualTo(6);
    assertThat(Chart.apply(admin, List.of(dashboard)))
        .allSatisfy(o -> assertThat(o.getMetadata().getUid()).isNotBlank());
  }

  private static List<HasMetadata> render(String release, String values) {
    return Chart.parse(admin, Chart.templateWithValues(release, NAMESPACE, values));
  }

  private static List<String> names(List<HasMetadata> rendered) {
    return rendered.stream()
        .filter(o -> o.getMetadata().getNamespace() != null)
        .filter(o -> !o.getKind().endsWith("Role") && !o.getKind().endsWith("RoleBinding"))
        .map(o -> o.getMetadata().getName())
        .distinct()
        .toList();
  }

  private static Deployment deployment(List<HasMetadata> rendered) {
    return rendered.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static Container operator(List<HasMetadata> rendered) {
    return deployment(rendered).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static String chartYaml(String key) {
    try {
      return java.nio.file.Files.readAllLines(Project.CHART.resolve("Chart.yaml")).stream()
          .filter(l -> l.startsWith(key + ":"))
          .map(l -> l.substring(key.length() + 1).trim().replace("\"", ""))
          .findFirst()
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
