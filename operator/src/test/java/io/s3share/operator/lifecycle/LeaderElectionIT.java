package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static io.s3share.operator.lifecycle.ProcessFixtures.leaseHolder;
import static io.s3share.operator.lifecycle.ProcessFixtures.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoProxy;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * Two operator processes against one API server and one moto, with leader election left at its
 * default (on, Lease in the operator's own namespace). They run as separate JVMs so that the leader
 * can crash for real (SIGKILL: no shutdown hook, no Lease release), and so that each one's AWS
 * writes can be counted apart: a proxy in front of moto counts policy writes per access key, and
 * each process has its own.
 */
@ExtendWith(MotoExtension.class)
class LeaderElectionIT {

  private static final Logger log = LoggerFactory.getLogger(LeaderElectionIT.class);
  static final String INSTALLATION = "leaders";
  static final String NAMESPACE = "leader-election";
  static final String ACCOUNT = "leader-election-owner";
  static final String BUCKET = "leader-election-bucket";
  // Out of a cluster the operator's own namespace is the kubeconfig's, here none: "default".
  static final String LEASE_NAMESPACE = "default";
  static final String LEASE = "leader-election-it";
  // JOSDK's default Lease duration, which the operator uses.
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  static final Duration WAIT = Duration.ofSeconds(90);

  static KubernetesClient admin;
  static MotoProxy proxy;
  static AwsClientFactory adminFactory;
  static AccountClients bucketOwner;
  static OperatorProcess first;
  static OperatorProcess second;

  @BeforeAll
  static void twoOperators(MotoServer moto) {
    admin = RealKubeApiServer.shared().newClient();
    GeneratedCrds.applyAll(admin);
    ProcessFixtures.namespace(admin, NAMESPACE);
    proxy = MotoProxy.in(moto.endpoint());
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    bucketOwner =
        adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    bucketOwner
        .s3()
        .createBucket(
            b ->
                b.bucket(BUCKET)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    Map<String, String> env =
        Map.of(
            "S3SHARE_INSTALLATION_ID", INSTALLATION,
            "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
            "S3SHARE_SHARING_POLICIES", "Disabled",
            "S3SHARE_RESYNC_PERIOD", "PT5S",
            "S3SHARE_LEADER_ELECTION_LEASE_NAME", LEASE);
    first = OperatorProcess.start("operator-a", "AKIDOPERATORA", env);
    await()
        .atMost(WAIT)
        .failFast("operator-a ended:\n" + first.output(), () -> !first.alive())
        .untilAsserted(
            () -> assertThat(leaseHolder(admin, LEASE_NAMESPACE, LEASE)).hasValue("operator-a"));
    second = OperatorProcess.start("operator-b", "AKIDOPERATORB", env);
    await()
        .atMost(WAIT)
        .failFast("operator-b ended:\n" + second.output(), () -> !second.alive())
        .untilAsserted(() -> assertThat(second.output()).contains("s3-share-operator started"));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.resources(BucketShare.class).inNamespace(NAMESPACE).delete();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          admin
                              .resources(BucketShare.class)
                              .inNamespace(NAMESPACE)
                              .list()
                              .getItems())
                      .isEmpty());
      admin.resources(AwsAccount.class).withName(ACCOUNT).delete();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(admin.resources(AwsAccount.class).withName(ACCOUNT).get()).isNull());
    }
    for (AutoCloseable closeable : new AutoCloseable[] {first, second, proxy, bucketOwner}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        log.warn("closing {}: {}", closeable, e.toString());
      }
    }
    if (adminFactory != null) {
      adminFactory.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOverAfterACrashLosingNothing() {
    String prefix = new SidNamespace(INSTALLATION).sidPrefix();
    ProcessFixtures.share(admin, NAMESPACE, "before-one", ACCOUNT, BUCKET);
    ProcessFixtures.share(admin, NAMESPACE, "before-two", ACCOUNT, BUCKET);
    awaitGranted(prefix, List.of("before-one", "before-two"));

    // Only the leader writes, also across several resyncs of both.
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(proxy.policyWritesBy(second.accessKey)).isZero());
    assertThat(proxy.policyWritesBy(first.accessKey)).isPositive();

    // The leader crashes: no clean shutdown, the Lease is not released.
    first.kill();
    Instant crashed = Instant.now();
    int leaderWrites = proxy.policyWritesBy(first.accessKey);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> assertThat(leaseHolder(admin, LEASE_NAMESPACE, LEASE)).hasValue("operator-b"));
    Duration takeover = Duration.between(crashed, Instant.now());
    log.info("operator-b took the Lease over {} ms after operator-a crashed", takeover.toMillis());
    // The Lease expires at most 15 s after the crash; the standby retries every 2 s; the rest is
    // slack for a loaded machine.
    assertThat(takeover).isLessThanOrEqualTo(LEASE_DURATION.plusSeconds(5));

    // A change made after the failover converges, and nothing is lost or doubled.
    ProcessFixtures.share(admin, NAMESPACE, "after", ACCOUNT, BUCKET);
    awaitGranted(prefix, List.of("before-one", "before-two", "after"));
    assertThat(proxy.policyWritesBy(second.accessKey)).isPositive();
    assertThat(proxy.policyWritesBy(first.accessKey)).isEqualTo(leaderWrites);
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertExactlyOnce(prefix, List.of("before-one", "before-two", "after")));
  }

  private static void awaitGranted(String prefix, List<String> shares) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String share : shares) {
                assertThat(Shares.ready(ProcessFixtures.get(admin, NAMESPACE, share)))
                    .as("share %s", share)
                    .startsWith("True/");
              }
              assertExactlyOnce(prefix, shares);
            });
  }

  /** Every share's consumer is named, no Sid repeats, and no statement of ours is doubled. */
  private static void assertExactlyOnce(String prefix, List<String> shares) {
    List<ObjectNode> ours =
        BucketPolicies.withSidPrefix(BucketPolicies.statements(bucketOwner, BUCKET), prefix);
    for (String share : shares) {
      assertThat(naming(ours, consumerOf(share))).as("statements naming %s", share).isPositive();
    }
    assertThat(new HashSet<>(ours.stream().map(s -> s.path("Sid").asText()).toList()))
        .hasSameSizeAs(ours);
    assertThat(new HashSet<>(ours.stream().map(BucketPolicies::withoutSid).toList()))
        .hasSameSizeAs(ours);
  }
}
