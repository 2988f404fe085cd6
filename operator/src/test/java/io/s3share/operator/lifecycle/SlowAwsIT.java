package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoProxy;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every AWS call answered after 2 seconds, the operator in its own JVM: reconciles queue up behind
 * one another instead of piling up on AWS, status says the work is in progress while it is, and
 * everything converges.
 */
@ExtendWith(MotoExtension.class)
class SlowAwsIT {

  static final String INSTALLATION = "slowaws";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String NAMESPACE = "slow-aws";
  static final String ACCOUNT = "slowaws-owner";
  static final String BUCKET = "slowaws-data";
  static final Duration LATENCY = Duration.ofSeconds(2);
  static final List<String> SHARES = List.of("slow-0", "slow-1", "slow-2", "slow-3");
  static final List<String> ROLES = List.of("slow-role-0", "slow-role-1");

  /**
   * The most AWS requests that may be under way at once. JOSDK runs at most one reconcile per
   * resource at a time, on a pool of 50 threads shared by every controller (its default: the
   * operator sets no other), and each reconcile calls AWS synchronously, one call after another;
   * the SDK sets no attempt timeout, so no abandoned attempt stays open behind a retry. Hence at
   * most one request per resource: the four shares, the two roles and the AwsAccount, well under
   * the 50 threads. More would mean reconciles of one resource overlapping, or requests left
   * behind.
   */
  static final int IN_FLIGHT_BOUND = SHARES.size() + ROLES.size() + 1;

  static KubernetesClient admin;
  static MotoProxy proxy;
  static AwsClientFactory adminFactory;
  static AccountClients aws;
  static OperatorProcess operator;

  @BeforeAll
  static void cluster(MotoServer moto) {
    admin = RealKubeApiServer.shared().newClient();
    GeneratedCrds.applyAll(admin);
    ProcessFixtures.namespace(admin, NAMESPACE);
    proxy = MotoProxy.in(moto.endpoint());
    proxy.latency(LATENCY);
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    aws = adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    ProcessFixtures.createBucket(aws, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    operator =
        OperatorProcess.start(
            "slowaws-operator",
            "AKIDSLOWAWS",
            Map.of(
                "S3SHARE_INSTALLATION_ID", INSTALLATION,
                "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
                "S3SHARE_SHARING_POLICIES", "Disabled",
                // Short, so that resyncs arrive while earlier reconciles are still waiting on AWS.
                "S3SHARE_RESYNC_PERIOD", "PT10S",
                "S3SHARE_LEADER_ELECTION", "false"));
  }

  @AfterAll
  static void stop() {
    operator.close();
    proxy.close();
    aws.close();
    adminFactory.close();
    for (String share : SHARES) {
      admin.resources(BucketShare.class).inNamespace(NAMESPACE).withName(share).delete();
    }
    for (String role : ROLES) {
      admin.resources(CrossAccountRole.class).inNamespace(NAMESPACE).withName(role).delete();
    }
    admin.close();
  }

  @Test
  void reconcilesQueueStatusSaysReconcilingAndEverythingConverges() {
    // Every status seen while the work is pending, by resource, sampled until Ready.
    Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    for (int i = 0; i < SHARES.size(); i++) {
      share(SHARES.get(i), i % 2 == 0 ? ShareVia.BucketPolicy : ShareVia.AccessPoint, "data/");
    }
    ROLES.forEach(SlowAwsIT::role);

    await()
        .atMost(Duration.ofSeconds(100))
        .pollInterval(Duration.ofMillis(250))
        .failFast("AWS requests piled up beyond one per resource", SlowAwsIT::pilingUp)
        .untilAsserted(
            () -> {
              List<HasMetadata> now = all().toList();
              now.forEach(
                  r ->
                      seen.computeIfAbsent(name(r), n -> ConcurrentHashMap.newKeySet())
                          .add(progress(r)));
              assertThat(now.stream().map(Shares::readyOf))
                  .hasSize(SHARES.size() + ROLES.size())
                  .allSatisfy(ready -> assertThat(ready).isEqualTo("True"));
            });
    System.out.println("SlowAwsIT: statuses seen before Ready " + seen);
    // While its first reconcile waited on AWS, each resource said so, and with a reason.
    assertThat(seen)
        .hasSize(SHARES.size() + ROLES.size())
        .allSatisfy(
            (name, states) ->
                assertThat(states)
                    .as(name)
                    .anySatisfy(s -> assertThat(s).matches("Ready=Unknown Reconciling=True/\\w+")));

    // A change to a Ready share: in progress again until its new generation is done.
    share(SHARES.get(0), ShareVia.BucketPolicy, "changed/");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(progress(get(BucketShare.class, SHARES.get(0))))
                    .matches("Ready=Unknown Reconciling=True/\\w+"));
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast("AWS requests piled up beyond one per resource", SlowAwsIT::pilingUp)
        .untilAsserted(
            () -> {
              BucketShare changed = get(BucketShare.class, SHARES.get(0));
              assertThat(Shares.readyOf(changed)).isEqualTo("True");
              assertThat(changed.getStatus().getObservedGeneration())
                  .isEqualTo(changed.getMetadata().getGeneration());
              // Done means done: no Reconciling left behind next to Ready.
              assertThat(all().map(SlowAwsIT::progress))
                  .hasSize(SHARES.size() + ROLES.size())
                  .allSatisfy(p -> assertThat(p).isEqualTo("Ready=True Reconciling=absent"));
              awsMatches();
            });

    int maxInFlight = proxy.maxInFlight();
    System.out.println(
        "SlowAwsIT: at most "
            + maxInFlight
            + " AWS requests in flight (bound "
            + IN_FLIGHT_BOUND
            + "), "
            + proxy.requests()
            + " requests in all");
    assertThat(maxInFlight).isBetween(1, IN_FLIGHT_BOUND);
  }

  private static boolean pilingUp() {
    return proxy.maxInFlight() > IN_FLIGHT_BOUND;
  }

  private static void awsMatches() {
    String ours =
        BucketPolicies.withSidPrefix(BucketPolicies.statements(aws, BUCKET), OURS.sidPrefix())
            .toString();
    assertThat(ours)
        .contains(consumerOf(SHARES.get(0)))
        .contains(consumerOf(SHARES.get(2)))
        .contains(BUCKET + "/changed/")
        .contains("s3:DataAccessPointArn");
    for (String role : ROLES) {
      String name =
          CrossAccountRoleModel.roleName(ProcessFixtures.role(NAMESPACE, role, ACCOUNT, BUCKET));
      assertThat(aws.iam().getRole(b -> b.roleName(name)).role().roleName()).isEqualTo(name);
    }
  }

  /** "Ready=… Reconciling=…/reason", or "none" before any status. */
  private static String progress(HasMetadata resource) {
    Optional<Condition> ready = Shares.conditionOf(resource, Conditions.READY);
    Optional<Condition> reconciling = Shares.conditionOf(resource, Conditions.RECONCILING);
    if (ready.isEmpty()) {
      return "none";
    }
    return "Ready="
        + ready.get().getStatus()
        + " Reconciling="
        + reconciling.map(c -> c.getStatus() + "/" + c.getReason()).orElse("absent");
  }

  private static Stream<HasMetadata> all() {
    return Stream.concat(
        admin.resources(BucketShare.class).inNamespace(NAMESPACE).list().getItems().stream(),
        admin.resources(CrossAccountRole.class).inNamespace(NAMESPACE).list().getItems().stream());
  }

  private static String name(HasMetadata resource) {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }

  private static <T extends HasMetadata> T get(Class<T> kind, String name) {
    return admin.resources(kind).inNamespace(NAMESPACE).withName(name).get();
  }

  private static void share(String name, ShareVia via, String prefix) {
    admin
        .resource(ProcessFixtures.share(NAMESPACE, name, ACCOUNT, BUCKET, via, prefix))
        .serverSideApply();
  }

  private static void role(String name) {
    admin.resource(ProcessFixtures.role(NAMESPACE, name, ACCOUNT, BUCKET)).serverSideApply();
  }
}
