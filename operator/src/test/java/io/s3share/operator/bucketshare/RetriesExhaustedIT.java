package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure AWS keeps answering outlasts JOSDK's retries: the share turns Stalled with the reason
 * and what to do, instead of Reconciling for ever, and still converges once the fault clears.
 */
@ExtendWith(MotoExtension.class)
class RetriesExhaustedIT {

  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(60);

  static final OperatorUnderTest operator =
      OperatorUnderTest.createWithRetryBudget("exhausted", RESYNC, 2);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "exhausted-owner", "262626262626");
  }

  @AfterAll
  static void close() {
    operator.faults.clear();
    ClusterScoped.removeTenantResources(operator);
    owner.close();
  }

  @Test
  void aFaultThatNeverClearsEndsStalledAndAClearedOneConverges() {
    String bucket = "exhausted-data";
    owner.createBucket(bucket);
    // S3 keeps answering 503: the SDK's own retries and then JOSDK's both run out.
    operator.faults.s3Error(
        "GetBucketPolicy", bucket, 503, "ServiceUnavailable", Integer.MAX_VALUE);
    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "unlucky",
                owner.name,
                bucket,
                Access.Read,
                List.of(Consumer.account("272727272701")),
                List.of()))
        .serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get();
              assertThat(Shares.stalledReason(share)).isEqualTo("AwsThrottled");
              assertThat(Shares.condition(share, Conditions.READY))
                  .hasValueSatisfying(
                      ready -> assertThat(ready.getMessage()).contains("Gave up retrying after"));
              assertThat(
                      Shares.condition(share, Conditions.RECONCILING)
                          .map(c -> c.getStatus())
                          .orElse("absent"))
                  .isNotEqualTo("True");
            });

    // Each resync starts a new round of retries. The share must stay Stalled through them: flipping
    // back to Reconciling at every resync would show Progressing and Degraded in turn in Argo CD.
    await()
        .during(RESYNC.multipliedBy(4))
        .atMost(RESYNC.multipliedBy(6))
        .untilAsserted(
            () -> {
              BucketShare share = get();
              assertThat(Shares.stalledReason(share)).isEqualTo("AwsThrottled");
              assertThat(
                      Shares.condition(share, Conditions.RECONCILING)
                          .map(c -> c.getStatus())
                          .orElse("absent"))
                  .isNotEqualTo("True");
            });

    operator.faults.clear();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get())).isEqualTo("True/Granted"));
  }

  private static BucketShare get() {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName("unlucky")
        .get();
  }
}
