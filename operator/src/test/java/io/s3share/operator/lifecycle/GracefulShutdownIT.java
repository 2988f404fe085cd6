package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * SIGTERM in the middle of a reconcile, as the kubelet sends it on a rollout. The operator runs as
 * its own JVM (a signal cannot be sent to a thread of the test's), behind a proxy in front of moto
 * that holds its PutBucketPolicy for a few seconds, the way a slow AWS answer would; the in-JVM
 * fault injection cannot reach another process.
 */
@ExtendWith(MotoExtension.class)
class GracefulShutdownIT {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdownIT.class);
  static final String INSTALLATION = "sigterm";
  static final String NAMESPACE = "graceful-shutdown";
  static final String ACCOUNT = "graceful-shutdown-owner";
  static final String BUCKET = "graceful-shutdown-bucket";
  static final Duration SLOW_WRITE = Duration.ofSeconds(5);
  // The operator's default bound for reconciles in flight, plus the JVM's own start and stop.
  static final Duration EXIT_BOUND = Duration.ofSeconds(20 + 10);
  static final Duration WAIT = Duration.ofSeconds(90);

  static KubernetesClient admin;
  static MotoProxy proxy;
  static AwsClientFactory adminFactory;
  static AccountClients bucketOwner;
  static OperatorProcess operator;

  @BeforeAll
  static void operatorProcess(MotoServer moto) {
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
    operator =
        OperatorProcess.start(
            "operator-sigterm",
            "AKIDSIGTERM",
            Map.of(
                "S3SHARE_INSTALLATION_ID",
                INSTALLATION,
                "S3SHARE_WATCH_NAMESPACES",
                NAMESPACE,
                "S3SHARE_SHARING_POLICIES",
                "Disabled",
                "S3SHARE_LEADER_ELECTION_LEASE_NAME",
                "graceful-shutdown-it"));
    // Leading and reconciling: its AwsAccount is checked.
    await()
        .atMost(WAIT)
        .failFast("the operator ended:\n" + operator.output(), () -> !operator.alive())
        .untilAsserted(
            () ->
                assertThat(
                        Conditions.find(
                            conditionsOf(admin.resources(AwsAccount.class).withName(ACCOUNT).get()),
                            Conditions.READY))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));
  }

  @AfterAll
  static void cleanUp() {
    if (operator != null) {
      operator.close();
    }
    if (admin != null) {
      // No operator is left to run the finalizers: remove them, the AWS side is moto's, reset
      // before the next class.
      admin.resources(BucketShare.class).inNamespace(NAMESPACE).list().getItems().stream()
          .filter(s -> !s.getMetadata().getFinalizers().isEmpty())
          .forEach(
              s ->
                  admin
                      .resource(s)
                      .edit(
                          x -> {
                            x.getMetadata().setFinalizers(List.of());
                            return x;
                          }));
      admin.resources(BucketShare.class).inNamespace(NAMESPACE).delete();
      AwsAccount account = admin.resources(AwsAccount.class).withName(ACCOUNT).get();
      if (account != null) {
        admin
            .resource(account)
            .edit(
                x -> {
                  x.getMetadata().setFinalizers(List.of());
                  return x;
                });
        admin.resources(AwsAccount.class).withName(ACCOUNT).delete();
      }
      admin.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (bucketOwner != null) {
      bucketOwner.close();
    }
    if (adminFactory != null) {
      adminFactory.close();
    }
  }

  @Test
  void sigtermMidReconcileLetsTheWriteFinishAndExitsZero() throws InterruptedException {
    int before = proxy.policyWritesReceived();
    proxy.delayPolicyWrites(SLOW_WRITE);
    ProcessFixtures.share(admin, NAMESPACE, "slow", ACCOUNT, BUCKET);
    // The write is in flight: moto has not answered it yet.
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> proxy.policyWritesReceived() > before);
    assertThat(proxy.policyWritesAnswered()).isEqualTo(before);

    operator.terminate();
    Instant signalled = Instant.now();
    int exit = operator.awaitExit(EXIT_BOUND);
    Duration stopped = Duration.between(signalled, Instant.now());
    log.info("exit {} {} ms after SIGTERM", exit, stopped.toMillis());

    // Complete, not half-done: the write landed, and the status says so for this generation.
    BucketShare share = ProcessFixtures.get(admin, NAMESPACE, "slow");
    List<ObjectNode> ours =
        BucketPolicies.withSidPrefix(
            BucketPolicies.statements(bucketOwner, BUCKET),
            new SidNamespace(INSTALLATION).sidPrefix());
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(proxy.policyWritesAnswered()).as("policy writes answered").isPositive();
          soft.assertThat(naming(ours, consumerOf("slow")))
              .as("statements naming slow")
              .isPositive();
          soft.assertThat(Shares.ready(share)).as("Ready of the share").startsWith("True/");
          soft.assertThat(
                  share.getStatus() == null ? null : share.getStatus().getObservedGeneration())
              .as("observedGeneration")
              .isEqualTo(share.getMetadata().getGeneration());
          soft.assertThat(exit).as("exit code; output:\n%s", operator.output()).isZero();
        });
    assertThat(operator.output()).contains("SIGTERM").doesNotContain("Exception in thread");
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> conditionsOf(AwsAccount account) {
    return account == null || account.getStatus() == null
        ? null
        : account.getStatus().getConditions();
  }
}
