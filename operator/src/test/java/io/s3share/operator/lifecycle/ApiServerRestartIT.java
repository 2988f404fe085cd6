package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RestartableKubeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kube-apiserver killed and started again in the middle of a workload while etcd keeps the data,
 * the operator in its own JVM: without restarting, it re-lists and re-watches, so what was written
 * before, during and after the restart all converges, deletions finish, and nothing is missed.
 *
 * <p>A cluster of its own, so the other classes sharing this JVM's API server are not disturbed.
 * Leader election is off: a Lease cannot be renewed while the API server is down, and losing it
 * ends the process on purpose (the crash tests cover that); here the question is the informers.
 */
@ExtendWith(MotoExtension.class)
class ApiServerRestartIT {

  static final String INSTALLATION = "apirestart";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String NAMESPACE = "api-restart";
  static final String ACCOUNT = "apirestart-owner";
  static final String BUCKET = "apirestart-data";
  static final Duration DOWN = Duration.ofSeconds(20);

  static RestartableKubeApiServer cluster;
  static KubernetesClient admin;

  /**
   * Writes without fabric8's own retries, so that a write refused while the API server is down
   * fails at once and the test sees it.
   */
  static KubernetesClient writer;

  static AwsClientFactory adminFactory;
  static AccountClients aws;
  static OperatorProcess operator;

  @BeforeAll
  static void cluster(MotoServer moto) {
    cluster = RestartableKubeApiServer.start();
    admin = cluster.newClient();
    Config once = Config.fromKubeconfig(cluster.kubeConfigYaml());
    once.setRequestRetryBackoffLimit(0);
    writer = new KubernetesClientBuilder().withConfig(once).build();
    GeneratedCrds.applyAll(admin);
    ProcessFixtures.namespace(admin, NAMESPACE);
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    aws = adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    ProcessFixtures.createBucket(aws, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, moto.endpoint());
    operator =
        OperatorProcess.start(
            "apirestart-operator",
            "AKIDAPIRESTART",
            cluster.kubeConfigYaml(),
            Map.of(
                "S3SHARE_INSTALLATION_ID", INSTALLATION,
                "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
                "S3SHARE_SHARING_POLICIES", "Disabled",
                // Far beyond the test: what changes after the restart is seen through the
                // watches, or not at all.
                "S3SHARE_RESYNC_PERIOD", "PT30M",
                "S3SHARE_LEADER_ELECTION", "false"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
    adminFactory.close();
    writer.close();
    admin.close();
    cluster.close();
  }

  @Test
  void informersRecoverAndEverythingConvergesWithoutAnOperatorRestart() {
    for (int i = 0; i < 4; i++) {
      share("before-" + i, i % 2 == 0 ? ShareVia.BucketPolicy : ShareVia.AccessPoint, "data/");
    }
    role("role-before");
    role("role-doomed");
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> allReady(4, 2));

    cluster.stopApiServer();
    // Written by clients that keep trying while the API server is away, as a CI loop or Argo CD
    // would; each write must be refused at least once to count as "during".
    Map<String, Runnable> writes =
        Map.of(
            "create during-0", () -> share("during-0", ShareVia.BucketPolicy, "data/"),
            "create during-1", () -> share("during-1", ShareVia.AccessPoint, "data/"),
            "update before-0", () -> share("before-0", ShareVia.BucketPolicy, "changed/"),
            "delete before-1", () -> delete(writer, BucketShare.class, "before-1"),
            "delete before-3", () -> delete(writer, BucketShare.class, "before-3"),
            "create role-during", () -> role("role-during"));
    Map<String, AtomicInteger> refusals = new TreeMap<>();
    writes.keySet().forEach(w -> refusals.put(w, new AtomicInteger()));
    List<CompletableFuture<Void>> during =
        writes.entrySet().stream()
            .map(w -> retried(refusals.get(w.getKey()), w.getValue()))
            .toList();
    // Down for a while, as a control plane upgrade or a crashed API server pod would be: long
    // enough for the informers' watches to fail and back off, not only to reconnect once.
    await()
        .during(DOWN)
        .atMost(DOWN.plusSeconds(60))
        .untilAsserted(
            () ->
                assertThat(refusals)
                    .allSatisfy(
                        (write, refused) -> assertThat(refused.get()).as(write).isPositive()));
    cluster.startApiServer();
    CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).join();

    // Right after the restart: only a watch that was established again can see these.
    share("after-0", ShareVia.BucketPolicy, "data/");
    share("after-1", ShareVia.AccessPoint, "data/");
    role("role-after");
    delete(admin, CrossAccountRole.class, "role-doomed");

    Set<String> shares =
        new TreeSet<>(Set.of("before-0", "before-2", "during-0", "during-1", "after-0", "after-1"));
    Set<String> roles = new TreeSet<>(Set.of("role-before", "role-during", "role-after"));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              // Deletions finished: no finalizer left behind.
              assertThat(names(BucketShare.class)).isEqualTo(shares);
              assertThat(names(CrossAccountRole.class)).isEqualTo(roles);
              allReady(shares.size(), roles.size());
              BucketShare updated = get(BucketShare.class, "before-0");
              assertThat(updated).isNotNull();
              assertThat(updated.getStatus()).isNotNull();
              assertThat(updated.getStatus().getObservedGeneration())
                  .isEqualTo(updated.getMetadata().getGeneration());
              awsMatches(roles);
            });
    assertThat(operator.alive()).as("the operator never restarted").isTrue();
  }

  /** AWS holds exactly the grants and roles the cluster declares. */
  private static void awsMatches(Set<String> roles) {
    String ours =
        BucketPolicies.withSidPrefix(BucketPolicies.statements(aws, BUCKET), OURS.sidPrefix())
            .toString();
    for (String name : List.of("before-0", "during-0", "after-0", "before-2")) {
      assertThat(ours).as("grant of %s", name).contains(consumerOf(name));
    }
    for (String name : List.of("before-1", "before-3")) {
      assertThat(ours).as("grant of deleted %s", name).doesNotContain(consumerOf(name));
    }
    assertThat(ours).contains(BUCKET + "/changed/").contains("s3:DataAccessPointArn");
    Set<String> accessPoints =
        aws
            .s3Control()
            .listAccessPoints(b -> b.accountId(MotoAccounts.MOTO_DEFAULT_ACCOUNT).bucket(BUCKET))
            .accessPointList()
            .stream()
            .map(ap -> ap.name())
            .filter(name -> name.startsWith("s3s-" + INSTALLATION + "-"))
            .collect(Collectors.toCollection(TreeSet::new));
    // before-1 and before-3 (deleted) had one each; during-1 and after-1 have one each.
    assertThat(accessPoints).hasSize(2);
    Set<String> iamRoles =
        aws.iam().listRolesPaginator(b -> b.pathPrefix("/s3share/")).roles().stream()
            .map(r -> r.roleName())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(iamRoles)
        .isEqualTo(
            roles.stream()
                .map(
                    name ->
                        CrossAccountRoleModel.roleName(
                            ProcessFixtures.role(NAMESPACE, name, ACCOUNT, BUCKET)))
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  /**
   * Runs {@code write} on a thread of its own until the API server takes it, counting the refusals.
   * Not on the common pool: with few cores it has fewer threads than there are writes, and the
   * writes left waiting could not be refused while the API server is down.
   */
  private static CompletableFuture<Void> retried(AtomicInteger failures, Runnable write) {
    return CompletableFuture.runAsync(
        () ->
            await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(attempt(failures, write)),
        runnable -> new Thread(runnable, "write-during-restart").start());
  }

  private static Callable<Boolean> attempt(AtomicInteger failures, Runnable write) {
    return () -> {
      try {
        write.run();
        return true;
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        return false;
      }
    };
  }

  private static void allReady(int shares, int roles) {
    assertThat(all(BucketShare.class).map(Shares::readyOf))
        .hasSize(shares)
        .allSatisfy(ready -> assertThat(ready).isEqualTo("True"));
    assertThat(all(CrossAccountRole.class).map(Shares::readyOf))
        .hasSize(roles)
        .allSatisfy(ready -> assertThat(ready).isEqualTo("True"));
  }

  private static <T extends HasMetadata> Set<String> names(Class<T> kind) {
    return all(kind)
        .map(r -> r.getMetadata().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static <T extends HasMetadata> Stream<T> all(Class<T> kind) {
    return admin.resources(kind).inNamespace(NAMESPACE).list().getItems().stream();
  }

  private static <T extends HasMetadata> T get(Class<T> kind, String name) {
    return admin.resources(kind).inNamespace(NAMESPACE).withName(name).get();
  }

  private static void delete(
      KubernetesClient client, Class<? extends HasMetadata> kind, String name) {
    client.resources(kind).inNamespace(NAMESPACE).withName(name).delete();
  }

  private static void share(String name, ShareVia via, String prefix) {
    writer
        .resource(ProcessFixtures.share(NAMESPACE, name, ACCOUNT, BUCKET, via, prefix))
        .serverSideApply();
  }

  private static void role(String name) {
    writer.resource(ProcessFixtures.role(NAMESPACE, name, ACCOUNT, BUCKET)).serverSideApply();
  }
}
