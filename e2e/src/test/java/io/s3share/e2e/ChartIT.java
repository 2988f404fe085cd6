package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.testenv.RealKubeApiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart lints, renders, and every rendered object is accepted by a real kube-apiserver; bad
 * values are refused by values.schema.json with a message.
 */
class ChartIT {

  static final String NAMESPACE = "chart-it";
  static KubernetesClient admin;

  @BeforeAll
  static void apiServer() {
    admin = RealKubeApiServer.shared().newClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    Chart.installCrds(admin);
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @Test
  void lintsCleanly() {
    LintResult lint = new Helm(Project.CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void everyRenderedObjectIsAcceptedByTheApiServer() {
    List<HasMetadata> rendered =
        Chart.parse(
            admin,
            Chart.template(
                "chart-it",
                NAMESPACE,
                Map.of(
                    "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                    "arn:aws:iam::111111111111:role/s3-share-operator",
                    "replicas",
                    "2")));
    assertThat(rendered)
        .extracting(HasMetadata::getKind)
        .contains(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service");

    List<HasMetadata> stored = Chart.apply(admin, rendered);

    assertThat(stored).hasSameSizeAs(rendered);
    assertThat(stored).allSatisfy(o -> assertThat(o.getMetadata().getUid()).isNotBlank());
    Deployment deployment =
        admin.apps().deployments().inNamespace(NAMESPACE).withName("chart-it").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("S3SHARE_LEADER_ELECTION_NAMESPACE");
              assertThat(e.getValue()).isEqualTo(NAMESPACE);
            });
    assertThat(
            admin
                .serviceAccounts()
                .inNamespace(NAMESPACE)
                .withName("chart-it")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws:iam::111111111111:role/s3-share-operator");
  }

  @Test
  void theDeploymentMeetsTheRestrictedPodSecurityStandard() {
    Deployment deployment =
        Chart.parse(admin, Chart.template("chart-it", NAMESPACE, Map.of())).stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getEnv())
        .anySatisfy(e -> assertThat(e.getValue()).contains("-XX:MaxRAMPercentage=75"));
    assertThat(c.getEnv())
        .noneSatisfy(e -> assertThat(e.getName()).startsWith("AWS_SECRET"))
        .noneSatisfy(e -> assertThat(e.getName()).startsWith("AWS_ACCESS_KEY"));
    // Leader election even at one replica, with the Lease in the release namespace.
    assertThat(c.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("S3SHARE_LEADER_ELECTION_NAMESPACE");
              assertThat(e.getValue()).isEqualTo(NAMESPACE);
            })
        .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("S3SHARE_LEADER_ELECTION"));
    // No installation id by default: the operator derives one from the cluster.
    assertThat(c.getEnv())
        .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("S3SHARE_INSTALLATION_ID"));
  }

  @Test
  void leaderElectionCanBeSwitchedOffAtOneReplicaAndAnInstallationIdSet() {
    Container c =
        Chart.parse(
                admin,
                Chart.templateWithValues(
                    "chart-it",
                    NAMESPACE,
                    "leaderElection: {enabled: false}\ninstallationId: \"default\""))
            .stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(c.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("S3SHARE_LEADER_ELECTION");
              assertThat(e.getValue()).isEqualTo("false");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("S3SHARE_INSTALLATION_ID");
              assertThat(e.getValue()).isEqualTo("default");
            })
        .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("S3SHARE_LEADER_ELECTION_NAMESPACE"));
  }

  @Test
  void watchingSelectedNamespacesGivesRolesThereAndNoClusterWideAccessToShares() {
    List<HasMetadata> rendered =
        Chart.parse(
            admin,
            Chart.templateWithValues(
                "chart-it-ns", NAMESPACE, "watchNamespaces: [team-a, team-b]"));
    assertThat(rendered)
        .filteredOn(Role.class::isInstance)
        .filteredOn(r -> r.getMetadata().getName().equals("chart-it-ns"))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(rendered)
        .filteredOn(ClusterRole.class::isInstance)
        .map(ClusterRole.class::cast)
        .flatExtracting(ClusterRole::getRules)
        .flatExtracting(r -> r.getResources())
        .doesNotContain("bucketshares", "crossaccountroles", "secrets", "events");
  }

  @Test
  void externalIdSecretsHaveARoleOfTheirOwnScopedLikeTheWatchedNamespaces() {
    List<HasMetadata> everywhere =
        Chart.parse(admin, Chart.template("chart-it-all", NAMESPACE, Map.of()));
    assertThat(everywhere)
        .filteredOn(ClusterRole.class::isInstance)
        .map(ClusterRole.class::cast)
        .filteredOn(r -> r.getRules().stream().anyMatch(x -> x.getResources().contains("secrets")))
        .singleElement()
        .satisfies(
            role -> {
              assertThat(role.getMetadata().getName())
                  .isEqualTo("chart-it-all-external-id-secrets");
              assertThat(role.getRules()).hasSize(1);
              assertThat(role.getRules().get(0).getResources()).containsExactly("secrets");
              assertThat(role.getRules().get(0).getVerbs())
                  .containsExactlyInAnyOrder("get", "list", "watch", "create", "update");
            });

    List<HasMetadata> selected =
        Chart.parse(
            admin,
            Chart.templateWithValues(
                "chart-it-ns", NAMESPACE, "watchNamespaces: [team-a, team-b]"));
    assertThat(selected)
        .filteredOn(Role.class::isInstance)
        .filteredOn(r -> r.getMetadata().getName().equals("chart-it-ns-external-id-secrets"))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void serviceMonitorIsOptional() {
    String without = Chart.template("chart-it", NAMESPACE, Map.of());
    String with =
        Chart.template("chart-it", NAMESPACE, Map.of("metrics.serviceMonitor.enabled", "true"));
    assertThat(without).doesNotContain("kind: ServiceMonitor");
    assertThat(with).contains("kind: ServiceMonitor");
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "installationId: Not_Valid | installationId",
        "replicas: 0 | replicas",
        "resyncPeriod: ten minutes | resyncPeriod",
        "watchNamespaces: [Bad_Namespace] | watchNamespaces",
        "image: {repository: op, tag: '1', pullPolicy: Sometimes} | pullPolicy",
        "awsAccessKeyId: AKIAEXAMPLE | awsAccessKeyId",
        "permissionsBoundaryArn: 'arn:aws:iam::1:user/x' | permissionsBoundaryArn",
        "http: {port: 80} | port",
      })
  void badValuesAreRefusedWithAMessage(String values, String named) {
    assertThatThrownBy(() -> Chart.templateWithValues("bad", NAMESPACE, values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(named);
  }

  @Test
  void goodValuesFileRenders() {
    assertThat(
            Chart.templateWithValues(
                "good", NAMESPACE, "watchNamespaces: [team-a]\nreplicas: 3\ninstallationId: prod1"))
        .contains("kind: Deployment");
  }
}
