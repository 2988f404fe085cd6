package io.s3share.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS throttles 30% of requests for two minutes while a workload converges, the operator in its own
 * JVM. Everything converges, and the AWS calls it makes stay within 1.5 times those of the same
 * workload without throttling: the SDK's standard retries absorb the throttling, with no storm on
 * top.
 */
@ExtendWith(MotoExtension.class)
class AwsThrottlingIT {

  static final String NAMESPACE = "aws-throttling";
  static final String ACCOUNT = "throttling-owner";
  static final Duration THROTTLING = Duration.ofMinutes(2);

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
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    aws = adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    for (String bucket : List.of("throttling-calm", "throttling-busy")) {
      ProcessFixtures.createBucket(aws, bucket);
    }
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    // A long resync: the calls counted are those of converging, in both runs.
    operator =
        OperatorProcess.start(
            "throttling-operator",
            "AKIDTHROTTLING",
            Map.of(
                "S3SHARE_INSTALLATION_ID", "throttling",
                "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
                "S3SHARE_SHARING_POLICIES", "Disabled",
                "S3SHARE_RESYNC_PERIOD", "PT10M",
                "S3SHARE_LEADER_ELECTION", "false"));
  }

  @AfterAll
  static void stop() {
    proxy.throttle(0);
    operator.close();
    proxy.close();
    aws.close();
    adminFactory.close();
    admin.close();
  }

  @Test
  void convergesUnderThrottlingWithinOneAndAHalfTimesTheCalls() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(operator.output()).contains("s3-share-operator started"));
    int calm = converge("calm", "throttling-calm");

    proxy.throttle(0.3);
    long started = System.nanoTime();
    int throttledBefore = proxy.throttled();
    int busy = converge("busy", "throttling-busy");
    // The throttling lasts its two minutes; nothing may fall back meanwhile.
    Duration left = THROTTLING.minusNanos(System.nanoTime() - started);
    if (!left.isNegative()) {
      await().during(left).atMost(left.plusSeconds(10)).untilAsserted(() -> allReady("busy"));
    }
    proxy.throttle(0);
    int throttled = proxy.throttled() - throttledBefore;

    System.out.println(
        "AwsThrottlingIT: "
            + calm
            + " calls without throttling, "
            + busy
            + " with 30% throttled ("
            + throttled
            + " answers throttled), ratio "
            + String.format("%.2f", (double) busy / calm));
    assertThat(throttled).as("requests throttled").isPositive();
    assertThat((double) busy).isLessThanOrEqualTo(1.5 * calm);
  }

  /** Creates the workload on the bucket and returns the AWS calls it took to converge. */
  private static int converge(String prefix, String bucket) {
    int before = proxy.calls();
    for (int i = 0; i < 4; i++) {
      share(prefix + "-" + i, bucket, i % 2 == 0 ? ShareVia.BucketPolicy : ShareVia.AccessPoint);
    }
    role(prefix + "-role-0", bucket);
    role(prefix + "-role-1", bucket);
    await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> allReady(prefix));
    awaitQuiet();
    return proxy.calls() - before;
  }

  /**
   * Waits until the operator has started no AWS call for five seconds. The reconciles that follow
   * Ready (the status write's own event, a grant's re-check) belong to this workload: counted in
   * the next one, they would make the busy run pay for the calm one, more so on a loaded machine.
   */
  private static void awaitQuiet() {
    AtomicInteger seen = new AtomicInteger(proxy.calls());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> seen.getAndSet(proxy.calls()) == seen.get());
  }

  private static void allReady(String prefix) {
    assertThat(mine(BucketShare.class, prefix))
        .hasSize(4)
        .allSatisfy(r -> assertThat(Shares.readyOf(r)).isEqualTo("True"));
    assertThat(mine(CrossAccountRole.class, prefix))
        .hasSize(2)
        .allSatisfy(r -> assertThat(Shares.readyOf(r)).isEqualTo("True"));
  }

  private static <T extends HasMetadata> List<T> mine(Class<T> kind, String prefix) {
    return admin.resources(kind).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(r -> r.getMetadata().getName().startsWith(prefix + "-"))
        .toList();
  }

  private static void share(String name, String bucket, ShareVia via) {
    admin
        .resource(ProcessFixtures.share(NAMESPACE, name, ACCOUNT, bucket, via, name + "/"))
        .serverSideApply();
  }

  private static void role(String name, String bucket) {
    admin.resource(ProcessFixtures.role(NAMESPACE, name, ACCOUNT, bucket)).serverSideApply();
  }
}
