package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ShareVia;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS unreachable for 60 seconds in the middle of a workload, the operator in its own JVM: while it
 * lasts, resources say Reconciling, never Stalled, and the retries back off instead of storming;
 * afterwards everything converges to what the cluster declares.
 */
@ExtendWith(MotoExtension.class)
class AwsOutageIT {

  static final String INSTALLATION = "outage";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String NAMESPACE = "aws-outage";
  static final String ACCOUNT = "outage-owner";
  static final String BUCKET = "outage-data";
  static final Duration OUTAGE = Duration.ofSeconds(60);

  /**
   * Per resource in 60 s: JOSDK's backoff (2 s doubling) allows 6 attempts, and the SDK's standard
   * strategy 3 HTTP attempts per failing call: 18, and a margin for the attempt under way when the
   * outage began. Retrying without backoff would be thousands.
   */
  static final int REQUESTS_PER_RESOURCE = 30;

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
    ProcessFixtures.createBucket(aws, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    operator =
        OperatorProcess.start(
            "outage-operator",
            "AKIDOUTAGE",
            Map.of(
                "S3SHARE_INSTALLATION_ID", INSTALLATION,
                "S3SHARE_WATCH_NAMESPACES", NAMESPACE,
                "S3SHARE_SHARING_POLICIES", "Disabled",
                "S3SHARE_RESYNC_PERIOD", "PT10S",
                "S3SHARE_LEADER_ELECTION", "false"));
  }

  @AfterAll
  static void stop() {
    proxy.unreachable(false);
    operator.close();
    proxy.close();
    aws.close();
    adminFactory.close();
    admin.close();
  }

  @Test
  void reconcilingWhileAwsIsUnreachableWithBackoffThenConverged() {
    for (int i = 0; i < 4; i++) {
      share("before-" + i, i % 2 == 0 ? ShareVia.BucketPolicy : ShareVia.AccessPoint, "data/");
    }
    role("role-before");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> allReady(4, 1));

    proxy.unreachable(true);
    int before = proxy.requests();
    share("during-0", ShareVia.BucketPolicy, "data/");
    share("during-1", ShareVia.AccessPoint, "data/");
    share("before-0", ShareVia.BucketPolicy, "changed/");
    admin.resources(BucketShare.class).inNamespace(NAMESPACE).withName("before-1").delete();
    role("role-during");

    await()
        .atMost(OUTAGE)
        .untilAsserted(
            () ->
                assertThat(reconcilingReason(get(BucketShare.class, "during-0")))
                    .isEqualTo("AwsUnreachable"));
    // The rest of the minute: nothing gives up while AWS may come back.
    await()
        .during(OUTAGE.minusSeconds(15))
        .atMost(OUTAGE)
        .untilAsserted(
            () ->
                assertThat(
                        Stream.concat(all(BucketShare.class), all(CrossAccountRole.class))
                            .filter(r -> stalled(r))
                            .map(r -> r.getMetadata().getName()))
                    .isEmpty());
    int during = proxy.requests() - before;
    // Five shares (one being deleted), two roles, and the AwsAccount's own check.
    int resources = 8;
    System.out.println(
        "AwsOutageIT: "
            + during
            + " requests to AWS during the outage for "
            + resources
            + " resources (bound "
            + resources * REQUESTS_PER_RESOURCE
            + ")");
    assertThat(during).isLessThanOrEqualTo(resources * REQUESTS_PER_RESOURCE);

    proxy.unreachable(false);
    await()
        .atMost(Duration.ofSeconds(150))
        .untilAsserted(
            () -> {
              allReady(5, 2);
              assertThat(get(BucketShare.class, "before-1")).isNull();
              String ours =
                  BucketPolicies.withSidPrefix(
                          BucketPolicies.statements(aws, BUCKET), OURS.sidPrefix())
                      .toString();
              assertThat(ours)
                  .contains(consumerOf("during-0"))
                  .contains(BUCKET + "/changed/")
                  .contains("s3:DataAccessPointArn");
            });
  }

  private static void allReady(int shares, int roles) {
    assertThat(all(BucketShare.class).map(Shares::readyOf))
        .hasSize(shares)
        .allSatisfy(ready -> assertThat(ready).isEqualTo("True"));
    assertThat(all(CrossAccountRole.class).map(Shares::readyOf))
        .hasSize(roles)
        .allSatisfy(ready -> assertThat(ready).isEqualTo("True"));
  }

  private static String reconcilingReason(BucketShare share) {
    return Shares.condition(share, Conditions.RECONCILING)
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> c.getReason())
        .orElse("none");
  }

  private static boolean stalled(HasMetadata resource) {
    return Shares.conditionOf(resource, Conditions.STALLED)
        .filter(c -> "True".equals(c.getStatus()))
        .isPresent();
  }

  private static <T extends HasMetadata> Stream<T> all(Class<T> kind) {
    return admin.resources(kind).inNamespace(NAMESPACE).list().getItems().stream();
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
