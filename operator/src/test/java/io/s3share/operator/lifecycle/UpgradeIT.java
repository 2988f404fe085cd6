package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.StoredObjects.assertReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.lifecycle.StoredObjects.Ref;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.testenv.AwsOperation;
import io.s3share.testenv.Crds;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoProxy;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade from the last release to this build, as {@code helm upgrade} with the CRDs applied
 * does it: the last release's CRDs and operator jar (built from git history by
 * scripts/provision-previous-release.sh), objects in that release's v1alpha1 shape driven to Ready
 * by it, then this build's CRDs and jar. The objects stay Ready with no AWS write at all (nothing
 * changed), their status reads as this build's types write it, and deleting them afterwards cleans
 * up in AWS what the last release created.
 */
@ExtendWith(MotoExtension.class)
class UpgradeIT {

  static final String NAMESPACE = "upgrade";
  static final String INSTALLATION = "upgrade";
  static final String BUCKET = "upgrade-bucket";
  static final String ACCESS_POINT = "s3s-" + INSTALLATION + "-catalog";
  static final String OLD_KEY = "AKIDUPGRADEOLD";
  static final String NEW_KEY = "AKIDUPGRADENEW";
  static final Duration WAIT = Duration.ofSeconds(120);
  // Longer than the resync period below: the quiet window covers a full re-check of everything.
  static final Duration QUIET = Duration.ofSeconds(30);
  static final Map<String, String> ENV =
      Map.of(
          "S3SHARE_INSTALLATION_ID",
          INSTALLATION,
          "S3SHARE_WATCH_NAMESPACES",
          NAMESPACE,
          "S3SHARE_RESYNC_PERIOD",
          "PT30S",
          "S3SHARE_LEADER_ELECTION_LEASE_NAME",
          "upgrade-it");
  static final Map<String, Class<? extends HasMetadata>> TYPES =
      Map.of(
          "AwsAccount", AwsAccount.class,
          "SharingPolicy", SharingPolicy.class,
          "BucketShare", BucketShare.class,
          "CrossAccountRole", CrossAccountRole.class);

  static KubernetesClient admin;
  static MotoProxy proxy;
  static AwsClientFactory adminFactory;
  static AccountClients aws;
  static OperatorProcess previous;
  static OperatorProcess current;
  static List<Ref> refs = List.of();

  @BeforeAll
  static void cluster(MotoServer moto) {
    admin = RealKubeApiServer.shared().newClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("s3share.io/tenant", "upgrade")
                .endMetadata()
                .build())
        .serverSideApply();
    proxy = MotoProxy.in(moto.endpoint());
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    aws = adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    ProcessFixtures.createBucket(aws, BUCKET);
  }

  @AfterAll
  static void cleanUp() {
    for (OperatorProcess process : new OperatorProcess[] {previous, current}) {
      if (process != null) {
        process.close();
      }
    }
    if (admin != null) {
      // Whatever happened, later classes get this build's CRDs and none of these objects.
      GeneratedCrds.applyAll(admin);
      for (Ref ref : refs) {
        if (ref.in(admin).get() != null) {
          ref.in(admin).edit(o -> withoutFinalizers(o));
          ref.in(admin).delete();
        }
      }
      admin.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (adminFactory != null) {
      adminFactory.close();
    }
  }

  @Test
  void objectsOfTheLastReleaseStayConvergedWithNoAwsWriteAfterTheUpgrade() throws Exception {
    Path release = TestEnvironment.previousReleaseDir();
    assertThat(release.resolve(".built"))
        .as(
            "the last release (%s) built by scripts/provision-previous-release.sh, which the"
                + " build runs before the ITs",
            TestEnvironment.previousReleaseCommit())
        .exists();

    // The last release, installed and converged.
    Crds.applyAndAwait(admin, Crds.filesIn(release.resolve("crds")));
    List<GenericKubernetesResource> objects =
        StoredObjects.load(
            "/upgrade/v1alpha1-objects.yaml", Map.of("ENDPOINT", proxy.endpoint().toString()));
    refs = objects.stream().map(StoredObjects::ref).toList();
    objects.forEach(o -> admin.resource(o).serverSideApply());
    previous =
        OperatorProcess.start(
            OperatorBuild.release(release, "io.s3share.operator.Main"),
            "upgrade-previous",
            OLD_KEY,
            ENV);
    await()
        .atMost(WAIT)
        .failFast("the last release ended:\n" + previous.output(), () -> !previous.alive())
        .untilAsserted(() -> refs.forEach(ref -> assertReady(ref, ref.in(admin).get())));
    assertThat(proxy.operationsBy(OLD_KEY))
        .as("the last release's AWS calls")
        .anyMatch(AwsOperation::mutating);
    Map<Ref, String> readySince = readySince();
    Map<String, String> awsBefore = awsState();

    // The upgrade: the old pod ends, the CRDs are applied, the new pod starts. The last release
    // could remove a bucket's grants when SIGTERM came during a reconcile (it planned from
    // informer caches that were being torn down; ShutdownKeepsGrantsIT covers the fix), so it
    // ends with SIGKILL here: this test is about what the new build does with the old state.
    previous.kill();
    assertThat(previous.awaitExit(Duration.ofSeconds(40)))
        .as("the last release ended; output:\n%s", previous.output())
        .isNotEqualTo(-1);
    assertThat(awsState())
        .as("AWS as the last release left it when its objects were Ready")
        .isEqualTo(awsBefore);
    GeneratedCrds.applyAll(admin);
    current = OperatorProcess.start("upgrade-current", NEW_KEY, ENV);

    // It re-checks every object against AWS, and writes nothing: nothing changed.
    await()
        .atMost(WAIT)
        .failFast("this build ended:\n" + current.output(), () -> !current.alive())
        .untilAsserted(() -> visitedEverything(names(proxy.operationsBy(NEW_KEY))));
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(30))
        .untilAsserted(
            () ->
                assertThat(writesBy(NEW_KEY))
                    .as("AWS writes by this build after the upgrade")
                    .isEmpty());
    System.out.println(
        "UpgradeIT: AWS calls by this build after the upgrade, none of them a write: "
            + proxy.operationsBy(NEW_KEY).stream()
                .collect(
                    Collectors.groupingBy(
                        AwsOperation::name, TreeMap::new, Collectors.counting())));
    assertThat(awsState()).as("AWS state after the upgrade").isEqualTo(awsBefore);
    for (Ref ref : refs) {
      GenericKubernetesResource object = ref.in(admin).get();
      assertReady(ref, object);
      assertThat(StoredObjects.condition(object, "Ready").path("lastTransitionTime").asText())
          .as("Ready of %s has not flapped", ref)
          .isEqualTo(readySince.get(ref));
      JsonNode stored = StoredObjects.status(object);
      assertThat(StoredObjects.statusAsCurrentTypeSees(object, TYPES.get(ref.kind())))
          .as("status of %s as this build's type reads it, against the stored one", ref)
          .isEqualTo(stored);
    }

    // What the last release created, this build deletes.
    List<Ref> tenants = refs.stream().filter(r -> r.namespace() != null).toList();
    tenants.forEach(ref -> ref.in(admin).delete());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(tenants)
                    .allSatisfy(ref -> assertThat(ref.in(admin).get()).as("%s", ref).isNull()));
    assertThat(
            BucketPolicies.withSidPrefix(
                BucketPolicies.statements(aws, BUCKET), new SidNamespace(INSTALLATION).sidPrefix()))
        .as("statements of this installation left in the bucket policy")
        .isEmpty();
    assertThat(accessPoints()).as("access points left").doesNotContain(ACCESS_POINT);
    assertThat(roles()).as("roles left").noneMatch(name -> name.contains("reports-reader"));
  }

  /**
   * The reads that show this build has reconciled each object: its account, bucket, access point
   * and role.
   */
  private static void visitedEverything(List<String> operations) {
    assertThat(operations).contains("GetCallerIdentity");
    assertThat(operations).anyMatch(o -> o.startsWith("GET /" + BUCKET + "?policy"));
    assertThat(operations)
        .anyMatch(o -> o.startsWith("GET ") && o.contains("/accesspoint/" + ACCESS_POINT));
    // The role directly, or with every role of the account in one bulk read.
    assertThat(operations)
        .anyMatch(
            o -> o.startsWith("GetRole RoleName=") || o.equals("GetAccountAuthorizationDetails"));
  }

  private static List<AwsOperation> writesBy(String accessKey) {
    return proxy.operationsBy(accessKey).stream().filter(AwsOperation::mutating).toList();
  }

  private static List<String> names(List<AwsOperation> operations) {
    return operations.stream().map(AwsOperation::name).toList();
  }

  private static Map<Ref, String> readySince() {
    return refs.stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                ref ->
                    StoredObjects.condition(ref.in(admin).get(), "Ready")
                        .path("lastTransitionTime")
                        .asText()));
  }

  /** The AWS documents the objects own, read straight from moto. */
  private static Map<String, String> awsState() {
    Map<String, String> state = new HashMap<>();
    state.put(
        "bucket policy",
        BucketPolicies.document(aws, BUCKET).map(JsonNode::toString).orElse("none"));
    state.put(
        "access point policy",
        aws.s3Control()
            .getAccessPointPolicy(r -> r.accountId(aws.accountId()).name(ACCESS_POINT))
            .policy());
    for (String role : roles()) {
      var got = aws.iam().getRole(r -> r.roleName(role)).role();
      state.put(role + " trust policy", got.assumeRolePolicyDocument());
      for (String policy : aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames()) {
        state.put(
            role + " policy " + policy,
            aws.iam().getRolePolicy(r -> r.roleName(role).policyName(policy)).policyDocument());
      }
    }
    return state;
  }

  private static List<String> accessPoints() {
    return aws
        .s3Control()
        .listAccessPoints(r -> r.accountId(aws.accountId()).bucket(BUCKET))
        .accessPointList()
        .stream()
        .map(ap -> ap.name())
        .toList();
  }

  private static List<String> roles() {
    return aws.iam().listRoles().roles().stream()
        .map(role -> role.roleName())
        .filter(name -> name.contains(NAMESPACE))
        .toList();
  }

  private static GenericKubernetesResource withoutFinalizers(GenericKubernetesResource object) {
    object.getMetadata().setFinalizers(List.of());
    return object;
  }
}
