package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * Each way a share can fail ends in a status that names the problem and what to do about it, with
 * nothing written to AWS and no stack trace in sight.
 */
@ExtendWith(MotoExtension.class)
class BucketShareErrorsIT {

  static final String OWNER = "111111111111";
  static final String CONSUMER = "222222222222";
  static final Duration WAIT = Duration.ofSeconds(45);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("errors", Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "errors-owner", OWNER);
  }

  @AfterEach
  void noMoreFaults() {
    operator.faults.clear();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void unknownAccountIsStalledAccountNotFound() {
    apply(share("no-account", "nobody", "errors-any", List.of()));

    Condition stalled = awaitStalled("no-account", "AccountNotFound");

    assertThat(stalled.getMessage()).contains("AwsAccount nobody does not exist");
  }

  @Test
  void missingBucketIsStalledBucketNotFound() {
    apply(share("no-bucket", owner.name, "errors-missing", List.of()));

    Condition stalled = awaitStalled("no-bucket", "BucketNotFound");

    assertThat(stalled.getMessage()).contains("errors-missing").contains(OWNER);
  }

  @Test
  void accessDeniedNamesTheAccountTheCallAndTheMissingPermission() {
    owner.createBucket("errors-denied");
    operator.faults.s3Error("PutBucketPolicy", "errors-denied", 403, "AccessDenied", 100);

    apply(share("denied", owner.name, "errors-denied", List.of()));

    Condition stalled = awaitStalled("denied", "AccessDenied");
    assertThat(stalled.getMessage())
        .contains("account " + OWNER)
        .contains("s3:PutBucketPolicy")
        .contains("errors-denied");
    assertThat(BucketPolicies.document(owner.admin, "errors-denied")).isEmpty();
    await().atMost(WAIT).until(() -> warningEvents("denied").contains("AccessDenied"));
  }

  @Test
  void bucketOfAnotherAccountIsStalledBucketOwnerMismatch(MotoServer moto) {
    try (AwsClientFactory otherFactory = MotoAccounts.adminFactory("444444444444");
        AccountClients other = otherFactory.clientsFor(MotoAccounts.direct(moto, "444444444444"))) {
      other
          .s3()
          .createBucket(
              b ->
                  b.bucket("errors-not-ours")
                      .createBucketConfiguration(
                          c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    }
    // What S3 answers when ExpectedBucketOwner does not match (moto does not check it).
    operator.faults.s3Error("GetBucketPolicy", "errors-not-ours", 403, "AccessDenied", 100);

    apply(share("not-ours", owner.name, "errors-not-ours", List.of()));

    Condition stalled = awaitStalled("not-ours", "BucketOwnerMismatch");
    assertThat(stalled.getMessage()).contains("not owned by account " + OWNER);
  }

  @Test
  void throttlingIsReconcilingWithBackoffThenReady() {
    owner.createBucket("errors-throttled");
    // Nine attempts: three calls in a row fail even after the SDK's own three attempts each.
    operator.faults.s3Error("GetBucketPolicy", "errors-throttled", 503, "SlowDown", 9);
    AtomicBoolean sawReconciling = new AtomicBoolean();
    int injectedBefore = operator.faults.injected();

    apply(share("throttled", owner.name, "errors-throttled", List.of()));

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              BucketShare share = get("throttled");
              if (Shares.condition(share, Conditions.RECONCILING)
                  .filter(c -> "AwsThrottled".equals(c.getReason()))
                  .isPresent()) {
                sawReconciling.set(true);
              }
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
            });
    assertThat(sawReconciling).isTrue();
    assertThat(operator.faults.injected() - injectedBefore).isEqualTo(9);
    assertThat(Shares.condition(get("throttled"), Conditions.RECONCILING)).isEmpty();
  }

  @Test
  void shareThatWouldOverflowThePolicyIsStalledWhileOlderSharesStayGranted() {
    owner.createBucket("errors-full");
    apply(share("small-and-early", owner.name, "errors-full", List.of("small/")));
    await().atMost(WAIT).until(() -> Shares.ready(get("small-and-early")).equals("True/Granted"));

    List<String> hugePrefixes =
        IntStream.range(0, 20).mapToObj(i -> "p" + i + "/" + "x".repeat(1000) + "/").toList();
    apply(share("huge", owner.name, "errors-full", hugePrefixes));

    Condition stalled = awaitStalled("huge", "PolicyTooLarge");
    assertThat(stalled.getMessage()).contains("20480 bytes").contains("errors-full");
    assertThat(Shares.ready(get("small-and-early"))).isEqualTo("True/Granted");
    assertThat(BucketPolicies.document(owner.admin, "errors-full").orElseThrow().toString())
        .doesNotContain("xxxxxxxxxx")
        .contains("small/");
  }

  @Test
  void shareNamingAnAccountThatNeverExistedIsDeletedAtOnce() {
    apply(share("never-account", "never-existed", "errors-never", List.of()));
    Condition stalled = awaitStalled("never-account", "AccountNotFound");
    assertThat(stalled.getMessage()).doesNotContain("grants stay");

    operator.client.resource(get("never-account")).delete();

    await().atMost(WAIT).until(() -> get("never-account") == null);
  }

  @Test
  void deniedCleanupStaysTerminatingAndSaysHowToLetGo() {
    String bucket = "errors-cleanup-denied";
    owner.createBucket(bucket);
    apply(share("cleanup-denied", owner.name, bucket, List.of()));
    await().atMost(WAIT).until(() -> Shares.ready(get("cleanup-denied")).equals("True/Granted"));
    operator.faults.s3Error("PutBucketPolicy", bucket, 403, "AccessDenied", 1000);
    operator.faults.s3Error("DeleteBucketPolicy", bucket, 403, "AccessDenied", 1000);

    operator.client.resource(get("cleanup-denied")).delete();

    Condition stalled = awaitTerminatingAndStalled("cleanup-denied", "AccessDenied");
    assertThat(stalled.getMessage())
        .contains("s3:")
        .contains(Annotations.ABANDON_AWS_RESOURCES + ": \"true\"");
    await()
        .during(Duration.ofSeconds(5))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(get("cleanup-denied")).isNotNull());

    abandon("cleanup-denied");

    await().atMost(WAIT).until(() -> get("cleanup-denied") == null);
    // Abandoned, not cleaned: AWS was not touched, so the grant is still there.
    assertThat(BucketPolicies.document(owner.admin, bucket).orElseThrow().toString())
        .contains(CONSUMER);
  }

  @Test
  void cleanupOfABucketNowOwnedByAnotherAccountSaysHowToLetGo(MotoServer moto) {
    String bucket = "errors-cleanup-moved";
    owner.createBucket(bucket);
    apply(share("cleanup-moved", owner.name, bucket, List.of()));
    await().atMost(WAIT).until(() -> Shares.ready(get("cleanup-moved")).equals("True/Granted"));
    // The bucket is deleted and re-created by another account; S3 then answers 403 to requests
    // carrying our ExpectedBucketOwner (moto does not check it, so the answer is injected).
    owner.admin.s3().deleteBucketPolicy(b -> b.bucket(bucket));
    owner.admin.s3().deleteBucket(b -> b.bucket(bucket));
    try (AwsClientFactory otherFactory = MotoAccounts.adminFactory("444444444444");
        AccountClients other = otherFactory.clientsFor(MotoAccounts.direct(moto, "444444444444"))) {
      other
          .s3()
          .createBucket(
              b ->
                  b.bucket(bucket)
                      .createBucketConfiguration(
                          c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    }
    operator.faults.s3Error("GetBucketPolicy", bucket, 403, "AccessDenied", 1000);

    operator.client.resource(get("cleanup-moved")).delete();

    Condition stalled = awaitTerminatingAndStalled("cleanup-moved", "BucketOwnerMismatch");
    assertThat(stalled.getMessage())
        .contains("not owned by account " + OWNER)
        .contains(Annotations.ABANDON_AWS_RESOURCES + ": \"true\"");

    abandon("cleanup-moved");

    await().atMost(WAIT).until(() -> get("cleanup-moved") == null);
  }

  private static Condition awaitTerminatingAndStalled(String name, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(share).isNotNull();
              assertThat(share.getMetadata().getDeletionTimestamp()).isNotNull();
              assertThat(Shares.stalledReason(share)).isEqualTo(reason);
            });
    return Shares.condition(get(name), Conditions.STALLED).orElseThrow();
  }

  private static void abandon(String name) {
    operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .edit(
            share -> {
              share.getMetadata().getAnnotations().put(Annotations.ABANDON_AWS_RESOURCES, "true");
              return share;
            });
  }

  private static Condition awaitStalled(String name, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.stalledReason(get(name))).isEqualTo(reason));
    BucketShare share = get(name);
    Condition ready = Shares.condition(share, Conditions.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(reason);
    assertThat(share.getStatus().getObservedGeneration()).isEqualTo(1L);
    Condition stalled = Shares.condition(share, Conditions.STALLED).orElseThrow();
    assertThat(stalled.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    return stalled;
  }

  private static List<String> warningEvents(String name) {
    return operator
        .client
        .v1()
        .events()
        .inNamespace(operator.namespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Warning".equals(e.getType()))
        .map(Event::getReason)
        .toList();
  }

  static BucketShare share(String name, String accountRef, String bucket, List<String> prefixes) {
    return Shares.share(
        operator.namespace(),
        name,
        accountRef,
        bucket,
        Access.Read,
        List.of(Consumer.account(CONSUMER)),
        prefixes);
  }

  static void apply(BucketShare share) {
    operator.client.resource(share).serverSideApply();
  }

  static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
