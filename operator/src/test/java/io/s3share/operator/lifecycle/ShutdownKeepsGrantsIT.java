package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static io.s3share.operator.lifecycle.ProcessFixtures.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM while a reconcile waits for its bucket's policy: when it plans, the operator's informers
 * are already stopping, and a plan made from their emptied caches would remove every grant on the
 * bucket. The operator must write nothing then, and leave the grants as they were.
 */
@ExtendWith(MotoExtension.class)
class ShutdownKeepsGrantsIT {

  static final String INSTALLATION = "keepgrants";
  static final String NAMESPACE = "shutdown-keeps-grants";
  static final String ACCOUNT = "shutdown-keeps-grants-owner";
  static final String BUCKET = "shutdown-keeps-grants";
  static final String OPERATOR_KEY = "AKIDKEEPGRANTS";
  static final Duration SLOW_READ = Duration.ofSeconds(4);
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
    ProcessFixtures.createBucket(bucketOwner, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    operator =
        OperatorProcess.start(
            "operator-keeps-grants",
            OPERATOR_KEY,
            Map.of(
                "S3SHARE_INSTALLATION_ID",
                INSTALLATION,
                "S3SHARE_WATCH_NAMESPACES",
                NAMESPACE,
                "S3SHARE_SHARING_POLICIES",
                "Disabled",
                "S3SHARE_LEADER_ELECTION",
                "false"));
  }

  @AfterAll
  static void cleanUp() {
    if (operator != null) {
      operator.close();
    }
    ProcessFixtures.forceRemove(admin, NAMESPACE, ACCOUNT);
    proxy.close();
    bucketOwner.close();
    adminFactory.close();
    admin.close();
  }

  @Test
  void sigtermWhileAReconcileReadsThePolicyLeavesEveryGrantInPlace() throws InterruptedException {
    List<String> names = List.of("first", "second", "third");
    names.forEach(name -> ProcessFixtures.share(admin, NAMESPACE, name, ACCOUNT, BUCKET));
    await()
        .atMost(WAIT)
        .failFast("the operator ended:\n" + operator.output(), () -> !operator.alive())
        .untilAsserted(
            () ->
                names.forEach(
                    name ->
                        assertThat(Shares.ready(ProcessFixtures.get(admin, NAMESPACE, name)))
                            .startsWith("True/")));
    int writesBefore = proxy.policyWritesBy(OPERATOR_KEY);

    // A change to one share: its reconcile reads the policy, slowly, and SIGTERM comes meanwhile.
    proxy.delayPolicyReads(SLOW_READ);
    int readsBefore = proxy.policyReadsReceived();
    BucketShare changed = ProcessFixtures.get(admin, NAMESPACE, "second");
    changed.getSpec().setPrefixes(List.of("second/", "second-more/"));
    admin.resource(changed).update();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> proxy.policyReadsReceived() > readsBefore);
    operator.terminate();
    int exit = operator.awaitExit(Duration.ofSeconds(40));
    proxy.delayPolicyReads(Duration.ZERO);

    List<ObjectNode> ours =
        BucketPolicies.withSidPrefix(
            BucketPolicies.statements(bucketOwner, BUCKET),
            new SidNamespace(INSTALLATION).sidPrefix());
    SoftAssertions.assertSoftly(
        soft -> {
          names.forEach(
              name ->
                  soft.assertThat(naming(ours, consumerOf(name)))
                      .as("statements naming the consumer of %s", name)
                      .isPositive());
          soft.assertThat(proxy.policyWritesBy(OPERATOR_KEY) - writesBefore)
              .as("policy writes after the change; output:\n%s", operator.output())
              .isLessThanOrEqualTo(1);
          soft.assertThat(exit).as("exit code; output:\n%s", operator.output()).isZero();
        });
  }
}
