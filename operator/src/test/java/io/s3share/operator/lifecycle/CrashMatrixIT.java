package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.consumerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as its own JVM, killed with SIGKILL at random moments while a mixed workload of
 * shares (bucket policy and access point, some retained) and roles with generated ExternalIds is
 * created, changed and deleted. After the last restart everything converges, and AWS holds exactly
 * what the surviving resources declare: nothing orphaned, nothing duplicated, nothing foreign lost.
 *
 * <p>The seed is printed; rerun one with {@code -Ds3share.crashSeed=<seed>}.
 */
@ExtendWith(MotoExtension.class)
class CrashMatrixIT {

  private static final Logger log = LoggerFactory.getLogger(CrashMatrixIT.class);
  static final String INSTALLATION = "crash";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String NAMESPACE = "crash-matrix";
  static final String ACCOUNT = "crash-owner";
  static final List<String> BUCKETS = List.of("crash-a", "crash-b", "crash-c");
  static final String FOREIGN_ROLE = "crash-foreign-role";
  static final Duration RESYNC = Duration.ofSeconds(5);
  static final int KILLS = 20;
  static final int STEPS = 60;
  static final long SEED = Long.getLong("s3share.crashSeed", 20261130L);

  static KubernetesClient admin;
  static AwsClientFactory adminFactory;
  static AccountClients aws;
  static final AtomicReference<OperatorProcess> operator = new AtomicReference<>();

  /** What the cluster declares, as the workload left it. */
  record Share(String bucket, ShareVia via, boolean retained) {}

  final Map<String, Share> liveShares = new LinkedHashMap<>();
  final Map<String, Share> retainedGone = new LinkedHashMap<>();
  final Set<String> retainLater = new LinkedHashSet<>();
  final Map<String, String> liveRoles = new LinkedHashMap<>();

  @BeforeAll
  static void cluster(MotoServer moto) {
    admin = RealKubeApiServer.shared().newClient();
    GeneratedCrds.applyAll(admin);
    ProcessFixtures.namespace(admin, NAMESPACE);
    adminFactory = MotoAccounts.adminFactory(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    aws = adminFactory.clientsFor(MotoAccounts.direct(moto, MotoAccounts.MOTO_DEFAULT_ACCOUNT));
    for (String bucket : BUCKETS) {
      ProcessFixtures.createBucket(aws, bucket);
      BucketPolicies.put(
          aws, bucket, List.of(BucketPolicies.foreignStatement("Theirs", bucket, "292929292929")));
    }
    aws.iam()
        .createRole(
            b ->
                b.roleName(FOREIGN_ROLE)
                    .assumeRolePolicyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":\"arn:aws:iam::292929292929:root\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}"));
    ProcessFixtures.account(admin, ACCOUNT, moto.endpoint());
  }

  @AfterAll
  static void stop() {
    OperatorProcess last = operator.get();
    if (last != null) {
      last.close();
    }
    if (aws != null) {
      aws.close();
      adminFactory.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void convergesWithNothingLostDuplicatedOrOrphanedAfterRepeatedCrashes() throws Exception {
    System.out.println(
        "CrashMatrixIT seed " + SEED + " (rerun with -Ds3share.crashSeed=" + SEED + ")");
    operator.set(start(0));
    Thread killer = new Thread(() -> killRepeatedly(new Random(SEED + 1)), "crash-killer");
    killer.start();
    runWorkload(new Random(SEED));
    killer.join();
    OperatorProcess last = operator.get();
    await()
        .atMost(Duration.ofSeconds(90))
        .failFast("the last operator process ended:\n" + last.output(), () -> !last.alive())
        .untilAsserted(() -> assertThat(last.output()).contains("s3-share-operator started"));

    System.out.println(
        "CrashMatrixIT: "
            + retainedGone.size()
            + " Retain shares deleted, "
            + retainLater.size()
            + " of them at the end of the workload, once granted");

    // Two resync periods after the last restart is up.
    await().atMost(RESYNC.multipliedBy(2).plusSeconds(20)).untilAsserted(this::invariantsHold);
  }

  private void killRepeatedly(Random random) {
    try {
      for (int kill = 1; kill <= KILLS; kill++) {
        Thread.sleep(800 + random.nextInt(2200));
        OperatorProcess running = operator.get();
        running.kill();
        running.awaitExit(Duration.ofSeconds(10));
        running.close();
        operator.set(start(kill));
        log.info("crash {} of {}: operator killed and restarted", kill, KILLS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runWorkload(Random random) throws InterruptedException {
    int created = 0;
    for (int step = 0; step < STEPS; step++) {
      int dice = random.nextInt(100);
      if (dice < 40 || liveShares.isEmpty()) {
        String name = "share-" + created++;
        String bucket = BUCKETS.get(random.nextInt(BUCKETS.size()));
        ShareVia via = random.nextInt(100) < 30 ? ShareVia.AccessPoint : ShareVia.BucketPolicy;
        boolean retained = random.nextInt(100) < 20;
        admin.resource(share(name, bucket, via, retained, name + "/")).serverSideApply();
        liveShares.put(name, new Share(bucket, via, retained));
      } else if (dice < 60) {
        String name = pick(random, liveShares.keySet());
        Share share = liveShares.get(name);
        admin
            .resource(
                share(
                    name, share.bucket(), share.via(), share.retained(), name + "/v" + step + "/"))
            .serverSideApply();
      } else if (dice < 75) {
        String name = pick(random, liveShares.keySet());
        if (liveShares.get(name).retained() && !granted(name)) {
          // A Retain share hands over the grant it has in AWS. Before the operator has granted
          // it (no operator may have been up since it was created) there is nothing to hand
          // over, so it is deleted at the end of the workload, once granted.
          retainLater.add(name);
        } else {
          delete(name);
        }
      } else if (dice < 90 || liveRoles.isEmpty()) {
        String name = "role-" + step;
        String bucket = BUCKETS.get(random.nextInt(BUCKETS.size()));
        admin.resource(ProcessFixtures.role(NAMESPACE, name, ACCOUNT, bucket)).serverSideApply();
        liveRoles.put(name, bucket);
      } else {
        String name = pick(random, liveRoles.keySet());
        admin.resources(CrossAccountRole.class).inNamespace(NAMESPACE).withName(name).delete();
        liveRoles.remove(name);
      }
      Thread.sleep(100 + random.nextInt(500));
    }
    for (String name : retainLater) {
      if (liveShares.containsKey(name)) {
        await().atMost(Duration.ofSeconds(90)).until(() -> granted(name));
        delete(name);
      }
    }
  }

  /** Whether the share's status shows its grant, which is then in AWS. */
  private static boolean granted(String name) {
    return "True".equals(Shares.readyOf(ProcessFixtures.get(admin, NAMESPACE, name)));
  }

  private void delete(String name) {
    admin.resources(BucketShare.class).inNamespace(NAMESPACE).withName(name).delete();
    Share gone = liveShares.remove(name);
    if (gone.retained()) {
      retainedGone.put(name, gone);
    }
  }

  private void invariantsHold() {
    // Every surviving resource is Ready; every deleted one is gone, so no finalizer is stuck.
    Map<String, String> shares =
        admin.resources(BucketShare.class).inNamespace(NAMESPACE).list().getItems().stream()
            .collect(
                Collectors.toMap(
                    s -> s.getMetadata().getName(), s -> Shares.ready(s), (a, b) -> a));
    assertThat(shares.keySet()).containsExactlyInAnyOrderElementsOf(liveShares.keySet());
    assertThat(shares)
        .allSatisfy((name, ready) -> assertThat(ready).as(name).isEqualTo("True/Granted"));
    Map<String, String> roles =
        admin.resources(CrossAccountRole.class).inNamespace(NAMESPACE).list().getItems().stream()
            .collect(
                Collectors.toMap(
                    r -> r.getMetadata().getName(),
                    r ->
                        r.getStatus() == null
                            ? "none"
                            : Conditions.find(r.getStatus().getConditions(), Conditions.READY)
                                .map(c -> c.getStatus())
                                .orElse("none"),
                    (a, b) -> a));
    assertThat(roles.keySet()).containsExactlyInAnyOrderElementsOf(liveRoles.keySet());
    assertThat(roles).allSatisfy((name, ready) -> assertThat(ready).as(name).isEqualTo("True"));

    for (String bucket : BUCKETS) {
      List<ObjectNode> statements = BucketPolicies.statements(aws, bucket);
      // Nothing foreign lost, and no Sid twice.
      assertThat(statements.toString()).contains("\"Sid\":\"Theirs\"");
      List<String> sids = statements.stream().map(s -> s.path("Sid").asText()).toList();
      assertThat(sids).doesNotHaveDuplicates();
      String ours = BucketPolicies.withSidPrefix(statements, OURS.sidPrefix()).toString();
      for (var share : liveShares.entrySet()) {
        boolean here = share.getValue().bucket().equals(bucket);
        boolean byPolicy = share.getValue().via() == ShareVia.BucketPolicy;
        assertThat(ours.contains(consumerOf(share.getKey())))
            .as("grant of %s in the policy of %s", share.getKey(), bucket)
            .isEqualTo(here && byPolicy);
      }
      for (var gone : retainedGone.entrySet()) {
        if (gone.getValue().bucket().equals(bucket)
            && gone.getValue().via() == ShareVia.BucketPolicy) {
          String retained =
              BucketPolicies.withSidPrefix(statements, RetainedStatements.SID_PREFIX).toString();
          assertThat(retained).as("retained %s", gone.getKey()).contains(consumerOf(gone.getKey()));
        }
      }
      boolean anyAccessPoint =
          liveShares.values().stream()
              .anyMatch(s -> s.bucket().equals(bucket) && s.via() == ShareVia.AccessPoint);
      assertThat(ours.contains("s3:DataAccessPointArn"))
          .as("delegation on %s", bucket)
          .isEqualTo(anyAccessPoint);

      // Exactly one access point per live access point share, plus the retained ones, handed over.
      Set<String> accessPoints =
          aws
              .s3Control()
              .listAccessPoints(b -> b.accountId(MotoAccounts.MOTO_DEFAULT_ACCOUNT).bucket(bucket))
              .accessPointList()
              .stream()
              .map(ap -> ap.name())
              .filter(name -> name.startsWith("s3s-" + INSTALLATION + "-"))
              .collect(Collectors.toCollection(TreeSet::new));
      long expected =
          liveShares.values().stream()
                  .filter(s -> s.bucket().equals(bucket) && s.via() == ShareVia.AccessPoint)
                  .count()
              + retainedGone.values().stream()
                  .filter(s -> s.bucket().equals(bucket) && s.via() == ShareVia.AccessPoint)
                  .count();
      assertThat(accessPoints).as("access points on %s", bucket).hasSize((int) expected);
    }

    // Exactly the surviving roles exist in IAM; the foreign one is untouched.
    Set<String> iamRoles =
        aws.iam().listRolesPaginator(b -> b.pathPrefix("/s3share/")).roles().stream()
            .map(r -> r.roleName())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> expectedRoles =
        liveRoles.keySet().stream()
            .map(
                name ->
                    CrossAccountRoleModel.roleName(
                        ProcessFixtures.role(NAMESPACE, name, ACCOUNT, "crash-a")))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(iamRoles).isEqualTo(expectedRoles);
    assertThat(aws.iam().getRole(b -> b.roleName(FOREIGN_ROLE)).role().roleName())
        .isEqualTo(FOREIGN_ROLE);
  }

  private static OperatorProcess start(int generation) {
    return OperatorProcess.start(
        "crash-operator-" + generation,
        "AKIDCRASH" + generation,
        Map.of(
            "S3SHARE_INSTALLATION_ID",
            INSTALLATION,
            "S3SHARE_WATCH_NAMESPACES",
            NAMESPACE,
            "S3SHARE_SHARING_POLICIES",
            "Disabled",
            "S3SHARE_RESYNC_PERIOD",
            RESYNC.toString(),
            "S3SHARE_LEADER_ELECTION",
            "false"));
  }

  private static String pick(Random random, Set<String> names) {
    List<String> list = new ArrayList<>(names);
    return list.get(random.nextInt(list.size()));
  }

  private static BucketShare share(
      String name, String bucket, ShareVia via, boolean retained, String prefix) {
    BucketShare share = ProcessFixtures.share(NAMESPACE, name, ACCOUNT, bucket, via, prefix);
    if (retained) {
      share.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    }
    return share;
  }
}
