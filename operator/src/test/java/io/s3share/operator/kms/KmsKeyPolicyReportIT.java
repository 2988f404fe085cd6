package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.KeyPolicyStatus;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharedBucketSpec;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * A SharingPolicy with keyPolicy: Report leaves the key policy to whoever manages it elsewhere: the
 * operator writes nothing and reports the missing statement; switched to Manage, it writes it.
 */
@ExtendWith(MotoExtension.class)
class KmsKeyPolicyReportIT {

  static final String INSTALLATION = "kmsreport";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER = "646464646464";
  static final String CONSUMER = "656565656501";
  static final String ACCOUNT = "kmsreport-owner";
  static final String POLICY = "kmsreport-keys-elsewhere";
  static final String MANAGING_POLICY = "kmsreport-keys-here";
  static final String SHARED_BUCKET = "kmssb-data";

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, ACCOUNT, OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicy.class, MANAGING_POLICY);
    ClusterScoped.remove(operator.client, SharedBucket.class, List.of(SHARED_BUCKET));
    owner.close();
  }

  @Test
  void reportWritesNothingAndSaysWhatIsMissingUntilThePolicySaysManage() {
    String bucket = "kmsreport-data";
    owner.createBucket(bucket);
    KeyMetadata key = KmsKeys.create(owner.admin, "managed elsewhere");
    String original = KmsKeys.policy(owner.admin, key.keyId());
    KmsKeys.encrypt(owner.admin, bucket, key.arn(), false);
    SharingPolicy policy =
        SharingPolicies.policy(
            POLICY,
            Map.of(),
            ACCOUNT,
            List.of("kmsreport-*"),
            List.of(CONSUMER),
            List.of(),
            Access.ReadWrite,
            List.of(SharingMethod.BucketPolicy));
    policy.getSpec().setKeyPolicy(KeyPolicyManagement.Report);
    operator.client.resource(policy).serverSideApply();

    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "reported",
                ACCOUNT,
                bucket,
                Access.Read,
                List.of(Consumer.account(CONSUMER)),
                List.of("reports/")))
        .serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("reported");
              assertThat(Shares.stalledReason(share)).isEqualTo("KmsKeyDenies");
              KeyPolicyStatus status = share.getStatus().getKeyPolicy();
              assertThat(status).isNotNull();
              assertThat(status.getManagement()).isEqualTo(KeyPolicyManagement.Report);
              assertThat(status.getKeyArn()).isEqualTo(key.arn());
              // Nothing of ours is in the key policy, so no statement carries the share.
              assertThat(status.getStatementIds()).isNull();
              assertThat(share.getStatus().getEffectiveAccess().getResult())
                  .isEqualTo(EffectiveAccessResult.KeyDenies);
              assertThat(share.getStatus().getEffectiveAccess().getMessage())
                  .contains("kms:Decrypt")
                  .contains("kms:ViaService");
            });
    // Several resyncs later the key policy is still exactly as its owner left it.
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(KmsKeys.policy(owner.admin, key.keyId())).isEqualTo(original));

    SharingPolicy manage = operator.client.resources(SharingPolicy.class).withName(POLICY).get();
    manage.getSpec().setKeyPolicy(KeyPolicyManagement.Manage);
    manage.getMetadata().setManagedFields(null);
    manage.getMetadata().setResourceVersion(null);
    manage.setStatus(null);
    operator.client.resource(manage).serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("reported");
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(share.getStatus().getKeyPolicy().getManagement())
                  .isEqualTo(KeyPolicyManagement.Manage);
              assertThat(
                      KmsKeys.withSidPrefix(
                          KmsKeys.statements(owner.admin, key.keyId()), OURS.sidPrefix()))
                  .hasSize(1);
            });
  }

  @Test
  void aSharedBucketsKeyPolicyDecidesOverTheSharingPolicy() {
    String bucket = SHARED_BUCKET;
    owner.createBucket(bucket);
    KeyMetadata key = KmsKeys.create(owner.admin, "managed elsewhere for this bucket only");
    String original = KmsKeys.policy(owner.admin, key.keyId());
    KmsKeys.encrypt(owner.admin, bucket, key.arn(), false);
    // The SharingPolicy would let the operator write the key policy (Manage, the default) ...
    operator
        .client
        .resource(
            SharingPolicies.policy(
                MANAGING_POLICY,
                Map.of(),
                ACCOUNT,
                List.of("kmssb-*"),
                List.of(CONSUMER),
                List.of(),
                Access.ReadWrite,
                List.of(SharingMethod.BucketPolicy)))
        .serverSideApply();
    // ... but the platform team's SharedBucket says this bucket's key is managed elsewhere.
    SharedBucket declared = new SharedBucket();
    declared.setMetadata(new ObjectMetaBuilder().withName(SHARED_BUCKET).build());
    SharedBucketSpec spec = new SharedBucketSpec();
    spec.setAccountRef(ACCOUNT);
    spec.setBucket(bucket);
    spec.setKeyPolicy(KeyPolicyManagement.Report);
    declared.setSpec(spec);
    operator.client.resource(declared).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        operator.client.resources(SharedBucket.class).withName(SHARED_BUCKET).get())
                    .isNotNull());

    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "declared",
                ACCOUNT,
                bucket,
                Access.Read,
                List.of(Consumer.account(CONSUMER)),
                List.of("reports/")))
        .serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("declared");
              assertThat(Shares.stalledReason(share)).isEqualTo("KmsKeyDenies");
              assertThat(share.getStatus().getKeyPolicy()).isNotNull();
              assertThat(share.getStatus().getKeyPolicy().getManagement())
                  .isEqualTo(KeyPolicyManagement.Report);
            });
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(KmsKeys.policy(owner.admin, key.keyId())).isEqualTo(original));

    spec.setKeyPolicy(KeyPolicyManagement.Manage);
    operator.client.resource(declared).serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("declared");
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(
                      KmsKeys.withSidPrefix(
                          KmsKeys.statements(owner.admin, key.keyId()), OURS.sidPrefix()))
                  .hasSize(1);
            });
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
