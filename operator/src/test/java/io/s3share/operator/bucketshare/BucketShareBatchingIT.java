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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sixty shares on two buckets arrive as a steady trickle over two seconds, the way a GitOps sync
 * applies them: each bucket's policy is written about once per batch window, not once per share.
 */
@ExtendWith(MotoExtension.class)
class BucketShareBatchingIT {

  static final int SHARES = 60;
  static final List<String> BUCKETS = List.of("batching-left", "batching-right");
  static final Duration TRICKLE = Duration.ofSeconds(2);

  /** The operator's default batch time, which the test operator runs with. */
  static final Duration BATCH_TIME = Duration.ofMillis(250);

  static final SidNamespace OURS = new SidNamespace("batching");
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("batching", Duration.ofMinutes(10));

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
  void sharesTricklingInAreWrittenOncePerBatchWindowPerBucket() throws Exception {
    BUCKETS.forEach(owner::createBucket);
    operator.calls.reset();

    long started = System.nanoTime();
    trickle(
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
          .as("every share's principal is in the policy of %s", bucket)
          .isNotEmpty();
    }

    int puts = operator.calls.count("PutBucketPolicy");
    System.out.printf(
        "batching: %d shares over %d ms on %d buckets -> %d PutBucketPolicy (%.1f per bucket)%n",
        SHARES, arrival.toMillis(), BUCKETS.size(), puts, puts / (double) BUCKETS.size());
    // The trickle must really have been one: a slow machine stretching it would loosen the bound.
    assertThat(arrival).isLessThan(TRICKLE.multipliedBy(2));
    // Each window opens with its first share and writes once; the last share may open one more.
    long windows = arrival.toMillis() / BATCH_TIME.toMillis() + 2;
    assertThat(puts).isBetween(BUCKETS.size(), (int) (BUCKETS.size() * windows));
  }

  /** Creates the shares one by one at a steady pace spread over {@link #TRICKLE}. */
  private static void trickle(List<BucketShare> shares) throws Exception {
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    try {
      long step = TRICKLE.toMillis() / shares.size();
      List<ScheduledFuture<?>> created =
          IntStream.range(0, shares.size())
              .<ScheduledFuture<?>>mapToObj(
                  i ->
                      pace.schedule(
                          () -> operator.client.resource(shares.get(i)).serverSideApply(),
                          i * step,
                          TimeUnit.MILLISECONDS))
              .toList();
      for (ScheduledFuture<?> future : created) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pace.shutdownNow();
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
