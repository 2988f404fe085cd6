package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static io.s3share.operator.lifecycle.ProcessFixtures.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's {@code watchNamespaces} with more than one namespace, as the packaged operator reads
 * it ({@code S3SHARE_WATCH_NAMESPACES=a,b}): every listed namespace is served, and a namespace not
 * listed is left alone, shares and roles alike.
 */
@ExtendWith(MotoExtension.class)
class WatchNamespacesIT {

  static final String INSTALLATION = "watchns";
  static final List<String> WATCHED =
      List.of("watch-ns-first", "watch-ns-second", "watch-ns-third");
  static final String UNWATCHED = "watch-ns-other";
  static final String ACCOUNT = "watch-ns-owner";
  static final String BUCKET = "watch-namespaces";
  static final String OPERATOR_KEY = "AKIDWATCHNS";
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
    WATCHED.forEach(ns -> ProcessFixtures.namespace(admin, ns));
    ProcessFixtures.namespace(admin, UNWATCHED);
    proxy = MotoProxy.in(moto.endpoint());
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    bucketOwner =
        adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    ProcessFixtures.createBucket(bucketOwner, BUCKET);
    ProcessFixtures.account(admin, ACCOUNT, proxy.endpoint());
    operator =
        OperatorProcess.start(
            "operator-watch-namespaces",
            OPERATOR_KEY,
            Map.of(
                "S3SHARE_INSTALLATION_ID",
                INSTALLATION,
                // Spaces after the commas, as people write them in values files.
                "S3SHARE_WATCH_NAMESPACES",
                String.join(", ", WATCHED),
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
    WATCHED.forEach(
        ns -> {
          admin.resources(CrossAccountRole.class).inNamespace(ns).delete();
          ProcessFixtures.forceRemove(admin, ns, ACCOUNT);
        });
    admin.resources(CrossAccountRole.class).inNamespace(UNWATCHED).delete();
    ProcessFixtures.forceRemove(admin, UNWATCHED, ACCOUNT);
    proxy.close();
    bucketOwner.close();
    adminFactory.close();
    admin.close();
  }

  @Test
  void everyListedNamespaceIsServedAndNoOtherIs() {
    WATCHED.forEach(ns -> ProcessFixtures.share(admin, ns, "share-" + ns, ACCOUNT, BUCKET));
    WATCHED.forEach(
        ns ->
            admin
                .resource(ProcessFixtures.role(ns, "role-" + ns, ACCOUNT, BUCKET))
                .serverSideApply());
    ProcessFixtures.share(admin, UNWATCHED, "share-" + UNWATCHED, ACCOUNT, BUCKET);
    admin
        .resource(ProcessFixtures.role(UNWATCHED, "role-" + UNWATCHED, ACCOUNT, BUCKET))
        .serverSideApply();

    await()
        .atMost(WAIT)
        .failFast("the operator ended:\n" + operator.output(), () -> !operator.alive())
        .untilAsserted(
            () ->
                WATCHED.forEach(
                    ns -> {
                      assertThat(Shares.ready(ProcessFixtures.get(admin, ns, "share-" + ns)))
                          .as("Ready of the share in %s", ns)
                          .startsWith("True/");
                      assertThat(roleReady(ns, "role-" + ns))
                          .as("Ready of the role in %s", ns)
                          .isEqualTo("True");
                    }));

    List<ObjectNode> ours =
        BucketPolicies.withSidPrefix(
            BucketPolicies.statements(bucketOwner, BUCKET),
            new SidNamespace(INSTALLATION).sidPrefix());
    WATCHED.forEach(
        ns ->
            assertThat(naming(ours, consumerOf("share-" + ns)))
                .as("statements for the share in %s", ns)
                .isPositive());
    assertThat(naming(ours, consumerOf("share-" + UNWATCHED)))
        .as("statements for the share in the namespace not watched")
        .isZero();
    BucketShare unwatched = ProcessFixtures.get(admin, UNWATCHED, "share-" + UNWATCHED);
    assertThat(unwatched.getStatus()).as("status of the share not watched").isNull();
    assertThat(unwatched.getMetadata().getFinalizers())
        .as("finalizers of the share not watched")
        .isEmpty();
    CrossAccountRole unwatchedRole =
        admin
            .resources(CrossAccountRole.class)
            .inNamespace(UNWATCHED)
            .withName("role-" + UNWATCHED)
            .get();
    assertThat(unwatchedRole.getStatus()).as("status of the role not watched").isNull();
  }

  private static String roleReady(String namespace, String name) {
    return Optional.ofNullable(
            admin.resources(CrossAccountRole.class).inNamespace(namespace).withName(name).get())
        .map(Shares::readyOf)
        .orElse("absent");
  }
}
