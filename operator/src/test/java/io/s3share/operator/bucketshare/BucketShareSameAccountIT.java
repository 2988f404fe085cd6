package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One bucket reached through two AwsAccount names for the same account id: the bucket is one
 * bucket, so both shares' grants live in its policy together, across resyncs.
 */
@ExtendWith(MotoExtension.class)
class BucketShareSameAccountIT {

  static final String INSTALLATION = "sameaccount";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String ACCOUNT = "131313131313";
  static final String SECOND_NAME = "sameaccount-owner-b";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void twoNamesForOneAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "sameaccount-owner-a", ACCOUNT);
    operator.client.resource(OwnerAccount.resource(SECOND_NAME, ACCOUNT, moto)).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              AwsAccount stored =
                  operator.client.resources(AwsAccount.class).withName(SECOND_NAME).get();
              assertThat(stored.getStatus()).isNotNull();
              assertThat(Conditions.find(stored.getStatus().getConditions(), Conditions.READY))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            });
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, SECOND_NAME, owner.name);
    owner.close();
  }

  @Test
  void sharesThroughTwoNamesOfOneAccountKeepBothGrants() {
    String bucket = "sameaccount-data";
    owner.createBucket(bucket);

    apply(share("via-a", owner.name, bucket, "141414141401"));
    apply(share("via-b", SECOND_NAME, bucket, "141414141402"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(get("via-a"))).isEqualTo("True/Granted");
              assertThat(Shares.ready(get("via-b"))).isEqualTo("True/Granted");
              assertThat(ours(bucket)).contains("141414141401").contains("141414141402");
            });
    // Three resync periods: every share's converge must keep the other's grant.
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(ours(bucket)).contains("141414141401").contains("141414141402");
              assertThat(Shares.ready(get("via-a"))).isEqualTo("True/Granted");
              assertThat(Shares.ready(get("via-b"))).isEqualTo("True/Granted");
            });

    operator.client.resource(get("via-a")).delete();
    await().atMost(WAIT).until(() -> get("via-a") == null);
    assertThat(ours(bucket)).doesNotContain("141414141401").contains("141414141402");
  }

  private static String ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()).toString();
  }

  static BucketShare share(String name, String accountRef, String bucket, String consumer) {
    return Shares.share(
        operator.namespace(),
        name,
        accountRef,
        bucket,
        Access.Read,
        List.of(Consumer.account(consumer)),
        List.of());
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
