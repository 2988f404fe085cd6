package io.s3share.operator.sharedbucket;

import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertReady;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.get;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.sharedBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under a SharingPolicy with requireSharedBucket, a share is not granted until a Ready SharedBucket
 * declares its bucket's posture, and is granted as soon as one is, without touching the share.
 */
@ExtendWith(MotoExtension.class)
class RequireSharedBucketIT {

  static final String OWNER = "161616161616";
  static final String CONSUMER = "161616161617";
  static final String POLICY = "requiresb-policy";
  static final Map<String, String> TENANT = Map.of("requiresb-it/tenant", "team-s");
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.createEnforcing("reqsb", Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccountAndPolicy(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "requiresb-owner", OWNER);
    operator
        .client
        .namespaces()
        .withName(operator.namespace())
        .edit(
            ns -> {
              Map<String, String> labels = new HashMap<>(TENANT);
              if (ns.getMetadata().getLabels() != null) {
                labels.putAll(ns.getMetadata().getLabels());
              }
              ns.getMetadata().setLabels(labels);
              return ns;
            });
    SharingPolicy policy =
        SharingPolicies.policy(
            POLICY,
            TENANT,
            owner.name,
            List.of("requiresb-*"),
            List.of(CONSUMER),
            List.of(),
            Access.Read,
            List.of(SharingMethod.BucketPolicy));
    policy.getSpec().setRequireSharedBucket(true);
    operator.client.resource(policy).serverSideApply();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharedBucket.class, "requiresb-data");
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aShareWaitsForAReadySharedBucketAndIsGrantedWhenOneAppears() {
    String bucket = "requiresb-data";
    owner.createBucket(bucket);
    Consumer consumer = new Consumer();
    consumer.setAccountId(CONSUMER);
    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "reports",
                owner.name,
                bucket,
                Access.Read,
                List.of(consumer),
                List.of()))
        .serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition stalled =
                  Shares.condition(share(), Conditions.STALLED).orElseThrow(AssertionError::new);
              assertThat(stalled.getReason()).isEqualTo(SharedBucketRequirement.REASON);
              assertThat(stalled.getMessage())
                  .contains(bucket)
                  .contains("SharedBucket")
                  .contains(POLICY);
            });
    assertThat(BucketPolicies.statements(owner.admin, bucket).toString()).doesNotContain(CONSUMER);

    operator.client.resource(sharedBucket(bucket, owner.name, bucket)).serverSideApply();

    await().atMost(WAIT).untilAsserted(() -> assertReady(get(operator.client, bucket)));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(share())).startsWith("True");
              assertThat(BucketPolicies.statements(owner.admin, bucket).toString())
                  .contains(CONSUMER);
            });
  }

  private static BucketShare share() {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName("reports")
        .get();
  }
}
