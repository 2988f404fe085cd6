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
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sixty shares on two buckets applied together from several clients, at the rate this API server
 * takes them: each bucket's policy is written once for all the shares that reach it within the
 * batch time, not once per share or per few shares.
 */
@ExtendWith(MotoExtension.class)
class BucketShareBatchingIT {

  static final int SHARES = 60;
  static final List<String> BUCKETS = List.of("batching-left", "batching-right");

  /** Long enough that the whole burst reaches the operator within one window, even here. */
  static final Duration BATCH_TIME = Duration.ofSeconds(5);

  static final SidNamespace OURS = new SidNamespace("batching");
  static final OperatorUnderTest operator =
      OperatorUnderTest.createWithSettings(
          "batching",
          Duration.ofMinutes(10),
          Map.of("S3SHARE_POLICY_BATCH_TIME", BATCH_TIME.toString()));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "batching-owner", "111111111111");
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void sharesAppliedTogetherAreWrittenOncePerBucket() throws Exception {
    BUCKETS.forEach(owner::createBucket);
    operator.calls.reset();

    long started = System.nanoTime();
    applyTogether(
        IntStream.range(0, SHARES)
            .mapToObj(i -> share("share-" + i, BUCKETS.get(i % 2), 200_000_000_000L + i))
            .toList());
    Duration arrival = Duration.ofNanos(System.nanoTime() - started);

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(operator.namespace())
                            .list()
                            .getItems())
                    .hasSize(SHARES)
                    .allSatisfy(s -> assertThat(Shares.ready(s)).isEqualTo("True/Granted")));
    for (String bucket : BUCKETS) {
      assertThat(withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()))
          .as("the shares' statements are in the policy of %s", bucket)
          .isNotEmpty();
    }

    int puts = operator.calls.count("PutBucketPolicy");
    System.out.printf(
        "batching: %d shares applied over %d ms on %d buckets -> %d PutBucketPolicy"
            + " (%.1f per bucket)%n",
        SHARES, arrival.toMillis(), BUCKETS.size(), puts, puts / (double) BUCKETS.size());
    // One window per bucket holds the burst; a slower API server spreads it over more windows.
    long windows = arrival.toMillis() / BATCH_TIME.toMillis() + 1;
    // Sixty shares need more reconcile threads than JOSDK's fifty: a few wait for the next batch.
    assertThat(puts).isBetween(BUCKETS.size(), (int) (BUCKETS.size() * (windows + 1)));
  }

  /** Applies the shares from eight clients at once, each as fast as the API server answers. */
  private static void applyTogether(List<BucketShare> shares) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> applied =
          shares.stream()
              .<Future<?>>map(
                  share -> clients.submit(() -> operator.client.resource(share).serverSideApply()))
              .toList();
      for (Future<?> future : applied) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  static BucketShare share(String name, String bucket, long account) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        Access.Read,
        List.of(Consumer.account(String.valueOf(account))),
        List.of("shared/"));
  }
}
