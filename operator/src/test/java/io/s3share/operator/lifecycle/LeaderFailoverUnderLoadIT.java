package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static io.s3share.operator.lifecycle.ProcessFixtures.leaseHolder;
import static io.s3share.operator.lifecycle.ProcessFixtures.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leader killed in the middle of a burst of shares on one bucket, with its policy writes slowed
 * so that some are in flight: the standby takes the Lease over and grants every share of the burst,
 * exactly once.
 */
@ExtendWith(MotoExtension.class)
class LeaderFailoverUnderLoadIT {

  static final String INSTALLATION = "failover";
  static final String NAMESPACE = "leader-failover";
  static final String ACCOUNT = "failover-owner";
  static final String BUCKET = "failover-bucket";
  static final String LEASE_NAMESPACE = "default";
  static final String LEASE = "leader-failover-it";
  // Each share names its own consumer and prefix: 25 fit in one policy with room to spare.
  static final int BURST = 25;
  static final Duration WAIT = Duration.ofSeconds(120);

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
    ProcessFixtures.createBucket(bucketOwner, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    Map<String, String> env =
        Map.of(
            "S3SHARE_INSTALLATION_ID", INSTALLATION,
            "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
            "S3SHARE_SHARING_POLICIES", "Disabled",
            "S3SHARE_RESYNC_PERIOD", "PT10S",
            "S3SHARE_LEADER_ELECTION_LEASE_NAME", LEASE);
    first = OperatorProcess.start("failover-a", "AKIDFAILOVERA", env);
    await()
        .atMost(WAIT)
        .failFast("failover-a ended:\n" + first.output(), () -> !first.alive())
        .untilAsserted(
            () -> assertThat(leaseHolder(admin, LEASE_NAMESPACE, LEASE)).hasValue("failover-a"));
    second = OperatorProcess.start("failover-b", "AKIDFAILOVERB", env);
    await()
        .atMost(WAIT)
        .failFast("failover-b ended:\n" + second.output(), () -> !second.alive())
        .untilAsserted(() -> assertThat(second.output()).contains("s3-share-operator started"));
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    proxy.close();
    bucketOwner.close();
    adminFactory.close();
    admin.close();
  }

  @Test
  void theNewLeaderGrantsTheWholeBurstAndLosesNoWrite() throws InterruptedException {
    // Slow writes: the crash finds the leader with a policy write under way.
    proxy.delayPolicyWrites(Duration.ofMillis(400));
    List<String> shares = IntStream.range(0, BURST).mapToObj(i -> "burst-" + i).toList();
    java.util.concurrent.atomic.AtomicInteger created =
        new java.util.concurrent.atomic.AtomicInteger();
    // Two thirds arrive while the leader lives; the rest only after it died, so only the standby
    // can grant those.
    List<String> early = shares.subList(0, 2 * BURST / 3);
    List<String> late = shares.subList(2 * BURST / 3, BURST);
    Thread burst =
        new Thread(
            () ->
                early.forEach(
                    name -> {
                      ProcessFixtures.share(admin, NAMESPACE, name, ACCOUNT, BUCKET);
                      created.incrementAndGet();
                    }),
            "burst");
    burst.start();
    // Mid-burst: the leader has written, and shares are still arriving.
    await()
        .atMost(WAIT)
        .until(() -> proxy.policyWritesBy(first.accessKey) >= 1 && created.get() >= BURST / 3);
    first.kill();
    int leaderWrites = proxy.policyWritesBy(first.accessKey);
    burst.join();
    late.forEach(name -> ProcessFixtures.share(admin, NAMESPACE, name, ACCOUNT, BUCKET));
    proxy.delayPolicyWrites(Duration.ZERO);

    String prefix = new SidNamespace(INSTALLATION).sidPrefix();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(leaseHolder(admin, LEASE_NAMESPACE, LEASE)).hasValue("failover-b");
              List<String> notGranted = new ArrayList<>();
              for (String share : shares) {
                var current = ProcessFixtures.get(admin, NAMESPACE, share);
                if (!Shares.ready(current).startsWith("True/")) {
                  notGranted.add(
                      share
                          + (current == null
                              ? " (missing)"
                              : " " + Shares.ready(current) + " " + current.getStatus()));
                }
              }
              assertThat(notGranted).isEmpty();
              List<ObjectNode> ours =
                  BucketPolicies.withSidPrefix(
                      BucketPolicies.statements(bucketOwner, BUCKET), prefix);
              for (String share : shares) {
                assertThat(naming(ours, consumerOf(share))).as("grant of %s", share).isPositive();
              }
              assertThat(new HashSet<>(ours.stream().map(s -> s.path("Sid").asText()).toList()))
                  .hasSameSizeAs(ours);
            });
    assertThat(proxy.policyWritesBy(second.accessKey)).isPositive();
    assertThat(proxy.policyWritesBy(first.accessKey)).isEqualTo(leaderWrites);
  }
}
