package io.s3share.operator.sharedbucket;

import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertReady;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertStalled;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.get;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.sharedBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessLoggingSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BlockPublicAccessMode;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Block Public Access required, access logging turned on with the target's log-delivery statement
 * written through the target's single writer (and kept by the target's BucketShares), one
 * SharedBucket per bucket, and what Delete removes.
 */
@ExtendWith(MotoExtension.class)
class SharedBucketPostureIT {

  static final String OWNER = "141414141414";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("sbpost", Duration.ofSeconds(5));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "sbpost-owner", OWNER);
  }

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharedBucket.class, created);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void requireTurnsAllFourBlockPublicAccessSettingsOn() {
    String bucket = "sbpost-bpa";
    owner.createBucket(bucket);
    SharedBucket resource = sharedBucket("bpa", owner.name, bucket);
    resource.getSpec().setBlockPublicAccess(BlockPublicAccessMode.Require);
    apply(resource);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket stored = get(operator.client, "bpa");
              assertReady(stored);
              assertThat(stored.getStatus().getBlockPublicAccess()).isNotNull();
              assertThat(stored.getStatus().getBlockPublicAccess().getRestrictPublicBuckets())
                  .isTrue();
            });
    var block =
        owner
            .admin
            .s3()
            .getPublicAccessBlock(b -> b.bucket(bucket))
            .publicAccessBlockConfiguration();
    assertThat(
            List.of(
                block.blockPublicAcls(),
                block.ignorePublicAcls(),
                block.blockPublicPolicy(),
                block.restrictPublicBuckets()))
        .containsOnly(true);

    // Someone turns one off out of band: it is turned on again.
    owner
        .admin
        .s3()
        .putPublicAccessBlock(
            b ->
                b.bucket(bucket)
                    .publicAccessBlockConfiguration(
                        c ->
                            c.blockPublicAcls(true)
                                .ignorePublicAcls(true)
                                .blockPublicPolicy(false)
                                .restrictPublicBuckets(true)));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        owner
                            .admin
                            .s3()
                            .getPublicAccessBlock(b -> b.bucket(bucket))
                            .publicAccessBlockConfiguration()
                            .blockPublicPolicy())
                    .isTrue());
  }

  @Test
  void loggingGoesToTheTargetWhosePolicyGetsTheLogDeliveryStatementAndItsSharesKeepIt() {
    String source = "sbpost-source";
    String target = "sbpost-logs";
    owner.createBucket(source);
    owner.createBucket(target);
    ObjectNode foreign = BucketPolicies.foreignStatement("Keep", target, "999999999999");
    BucketPolicies.put(owner.admin, target, List.of(foreign));
    BucketShare share =
        Shares.share(
            operator.namespace(),
            "log-readers",
            owner.name,
            target,
            Access.Read,
            List.of(consumer("222222222222")),
            List.of("logs/"));
    operator.client.resource(share).serverSideApply();

    SharedBucket resource = sharedBucket("logged", owner.name, source);
    resource.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    AccessLoggingSpec logging = new AccessLoggingSpec();
    logging.setTargetBucket(target);
    logging.setTargetPrefix("logs/source/");
    resource.getSpec().setAccessLogging(logging);
    apply(resource);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket stored = get(operator.client, "logged");
              assertReady(stored);
              assertThat(stored.getStatus().getAccessLogging()).isNotNull();
              assertThat(stored.getStatus().getAccessLogging().getTargetBucket()).isEqualTo(target);
              assertThat(
                      Shares.ready(
                          operator
                              .client
                              .resources(BucketShare.class)
                              .inNamespace(operator.namespace())
                              .withName("log-readers")
                              .get()))
                  .startsWith("True");
            });
    var enabled = owner.admin.s3().getBucketLogging(b -> b.bucket(source)).loggingEnabled();
    assertThat(enabled.targetBucket()).isEqualTo(target);
    assertThat(enabled.targetPrefix()).isEqualTo("logs/source/");
    assertThat(logDelivery(target))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("Action").asText()).isEqualTo("s3:PutObject");
              assertThat(s.path("Resource").asText())
                  .isEqualTo("arn:aws:s3:::" + target + "/logs/source/*");
              assertThat(s.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                  .isEqualTo("arn:aws:s3:::" + source);
              assertThat(
                      s.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                  .isEqualTo(OWNER);
            });
    assertThat(BucketPolicies.statements(owner.admin, target).get(0)).isEqualTo(foreign);

    // The target's share changes and rewrites the target's policy: the statement stays.
    share.getSpec().setConsumers(List.of(consumer("222222222222"), consumer("333333333333")));
    operator.client.resource(share).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(BucketPolicies.statements(owner.admin, target).toString())
                    .contains("333333333333"));
    assertThat(logDelivery(target)).hasSize(1);
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(logDelivery(target)).hasSize(1));

    // Deleted with Delete: the statement leaves the target; the share's and foreign ones stay.
    operator.client.resources(SharedBucket.class).withName("logged").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(get(operator.client, "logged")).isNull();
              assertThat(logDelivery(target)).isEmpty();
            });
    assertThat(BucketPolicies.statements(owner.admin, target).get(0)).isEqualTo(foreign);
    assertThat(BucketPolicies.statements(owner.admin, target).toString()).contains("333333333333");
  }

  @Test
  void withoutObjectOwnershipTheAclGrantsAreReportedAndLeftAlone() {
    String bucket = "sbpost-report";
    owner.createBucket(bucket);
    SharedBucketFixture.putAcl(
        owner.admin,
        bucket,
        List.of(
            SharedBucketFixture.toCanonicalUser(
                SharedBucketFixture.OTHER_CANONICAL_ID,
                software.amazon.awssdk.services.s3.model.Permission.READ)));
    apply(sharedBucket("report", owner.name, bucket));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket stored = get(operator.client, "report");
              assertReady(stored);
              assertThat(stored.getStatus().getAclMigration()).isEqualTo("NotRequested");
              assertThat(stored.getStatus().getAclGrants())
                  .isNotNull()
                  .anySatisfy(
                      grant -> {
                        assertThat(grant.getGrantee())
                            .isEqualTo(SharedBucketFixture.OTHER_CANONICAL_ID);
                        assertThat(grant.getStatementId()).isNull();
                        assertThat(grant.getNote()).contains("Still granted by the ACL");
                      });
            });
    assertThat(SharedBucketFixture.aclGrantees(owner.admin, bucket))
        .containsExactly(SharedBucketFixture.OTHER_CANONICAL_ID);
    assertThat(BucketPolicies.document(owner.admin, bucket)).isEmpty();
  }

  @Test
  void loggingNoLongerAskedForTakesItsStatementOffTheTarget() {
    String source = "sbpost-quiet";
    String target = "sbpost-quiet-logs";
    owner.createBucket(source);
    owner.createBucket(target);
    SharedBucket resource = sharedBucket("quiet", owner.name, source);
    AccessLoggingSpec logging = new AccessLoggingSpec();
    logging.setTargetBucket(target);
    logging.setTargetPrefix("logs/");
    resource.getSpec().setAccessLogging(logging);
    apply(resource);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertReady(get(operator.client, "quiet"));
              assertThat(logDelivery(target)).hasSize(1);
            });

    resource.getSpec().setAccessLogging(null);
    operator.client.resource(resource).serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket stored = get(operator.client, "quiet");
              assertReady(stored);
              assertThat(stored.getStatus().getLogDeliveryStatementBucket()).isNull();
              assertThat(logDelivery(target)).isEmpty();
            });
    // The logging configuration itself is left as it is: absent means "leave as is".
    assertThat(owner.admin.s3().getBucketLogging(b -> b.bucket(source)).loggingEnabled())
        .isNotNull();
  }

  @Test
  void aSecondSharedBucketForTheSameBucketIsStalled() {
    String bucket = "sbpost-twice";
    owner.createBucket(bucket);
    apply(sharedBucket("first", owner.name, bucket));
    await().atMost(WAIT).untilAsserted(() -> assertReady(get(operator.client, "first")));

    apply(sharedBucket("second", owner.name, bucket));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        assertStalled(get(operator.client, "second"), "DuplicateSharedBucket")
                            .getMessage())
                    .contains("SharedBucket first already declares")
                    .contains(bucket));
  }

  @Test
  void anAccountInUseByASharedBucketWaitsForIt(MotoServer moto) {
    OwnerAccount second =
        OwnerAccount.create(operator.client, moto, "sbpost-second", "141414141499");
    try {
      second.createBucket("sbpost-second-data");
      SharedBucket resource = sharedBucket("on-second", second.name, "sbpost-second-data");
      resource.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
      apply(resource);
      await().atMost(WAIT).untilAsserted(() -> assertReady(get(operator.client, "on-second")));

      operator.client.resources(AwsAccount.class).withName(second.name).delete();

      // Its Delete clean-up goes through the account: the account waits, and says why.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                AwsAccount account =
                    operator.client.resources(AwsAccount.class).withName(second.name).get();
                assertThat(account).isNotNull();
                assertThat(account.getStatus()).isNotNull();
                assertThat(
                        io.s3share.operator.status.Conditions.find(
                            account.getStatus().getConditions(), "Reconciling"))
                    .hasValueSatisfying(
                        c ->
                            assertThat(c.getMessage())
                                .contains("SharedBucket")
                                .contains("on-second"));
              });
      operator.client.resources(SharedBucket.class).withName("on-second").delete();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          operator.client.resources(AwsAccount.class).withName(second.name).get())
                      .isNull());
    } finally {
      second.close();
    }
  }

  @Test
  void anUnknownAccountIsStalledAccountNotFound() {
    apply(sharedBucket("lost", "no-such-account", "sbpost-lost"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        assertStalled(get(operator.client, "lost"), "AccountNotFound").getMessage())
                    .contains("AwsAccount no-such-account does not exist"));
  }

  private static List<ObjectNode> logDelivery(String bucket) {
    return BucketPolicies.statements(owner.admin, bucket).stream()
        .filter(
            s -> s.path("Principal").path("Service").asText().equals("logging.s3.amazonaws.com"))
        .toList();
  }

  private static Consumer consumer(String accountId) {
    Consumer consumer = new Consumer();
    consumer.setAccountId(accountId);
    return consumer;
  }

  private static void apply(SharedBucket resource) {
    created.add(resource.getMetadata().getName());
    operator.client.resource(resource).serverSideApply();
  }
}
