package io.s3share.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryOutcomeTest {

  static final AwsCallException THROTTLED =
      AwsCallException.retryable("AwsThrottled", "AWS answered SlowDown.", null);

  @Test
  void reconcilingWhileRetriesRemain() {
    Outcome outcome =
        RetryOutcome.of(THROTTLED, Optional.of(attempt(3, false)), Duration.ofMinutes(10));
    assertThat(outcome.state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(outcome.reason()).isEqualTo("AwsThrottled");
  }

  @Test
  void stalledWithTheReasonAfterTheLastRetry() {
    Outcome outcome =
        RetryOutcome.of(THROTTLED, Optional.of(attempt(10, true)), Duration.ofMinutes(10));
    assertThat(outcome.state()).isEqualTo(Outcome.State.STALLED);
    assertThat(outcome.reason()).isEqualTo("AwsThrottled");
    assertThat(outcome.message())
        .startsWith("AWS answered SlowDown.")
        .contains("Gave up retrying after 10 attempts; trying again every PT10M");
  }

  @Test
  void anAwsFailureWrappedByTheFrameworkKeepsItsReason() {
    Exception wrapped = new io.javaoperatorsdk.operator.OperatorException(THROTTLED);
    Outcome outcome =
        RetryOutcome.of(wrapped, Optional.of(attempt(1, false)), Duration.ofMinutes(10));
    assertThat(outcome.reason()).isEqualTo("AwsThrottled");
    assertThat(outcome.message()).isEqualTo("AWS answered SlowDown.");
  }

  @Test
  void anIncompleteCacheIsReconcilingWithItsOwnReason() {
    Exception wrapped =
        new io.javaoperatorsdk.operator.OperatorException(
            new IncompleteCacheException("cache lacks the share"));
    Outcome outcome = RetryOutcome.of(wrapped);
    assertThat(outcome.state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(outcome.reason()).isEqualTo("CacheIncomplete");
    assertThat(outcome.message()).isEqualTo("cache lacks the share");
  }

  @Test
  void theFirstFailureHasNoRetryInfoAndIsReconciling() {
    assertThat(
            RetryOutcome.of(new IllegalStateException("x"), Optional.empty(), Duration.ofMinutes(1))
                .state())
        .isEqualTo(Outcome.State.RECONCILING);
  }

  @Test
  void aResourceThatGaveUpOnThisGenerationStaysStalledThroughTheNextRoundOfRetries() {
    BucketShare share = stalledShare("AwsThrottled", 4L, 4L);
    Outcome outcome =
        RetryOutcome.of(share, THROTTLED, Optional.of(attempt(1, false)), Duration.ofMinutes(10));
    assertThat(outcome.state()).isEqualTo(Outcome.State.STALLED);
    assertThat(outcome.message()).isEqualTo("gave up earlier");
  }

  @Test
  void aNewGenerationOrAnotherReasonRetriesAsReconciling() {
    Optional<RetryInfo> retry = Optional.of(attempt(1, false));
    Duration resync = Duration.ofMinutes(10);
    assertThat(RetryOutcome.of(stalledShare("AwsThrottled", 3L, 4L), THROTTLED, retry, resync))
        .extracting(Outcome::state)
        .isEqualTo(Outcome.State.RECONCILING);
    assertThat(RetryOutcome.of(stalledShare("AccessDenied", 4L, 4L), THROTTLED, retry, resync))
        .extracting(Outcome::state)
        .isEqualTo(Outcome.State.RECONCILING);
    assertThat(RetryOutcome.of(new BucketShare(), THROTTLED, retry, resync))
        .extracting(Outcome::state)
        .isEqualTo(Outcome.State.RECONCILING);
  }

  private static BucketShare stalledShare(String reason, long observed, long generation) {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withName("s").withGeneration(generation).build());
    BucketShareStatus status = new BucketShareStatus();
    status.setConditions(
        Conditions.from(
            Outcome.stalled(reason, "gave up earlier"), observed, List.of(), Instant.now()));
    share.setStatus(status);
    return share;
  }

  private static RetryInfo attempt(int count, boolean last) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return count;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    };
  }
}
