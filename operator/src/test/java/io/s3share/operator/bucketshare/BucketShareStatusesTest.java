package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.testing.Shares;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketShareStatusesTest {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  final BucketShareStatuses statuses = new BucketShareStatuses(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aYoungShareWaitsForItsPrincipalAndAnOldOneIsStalledNamingIt() {
    BucketShare young = created(NOW.minus(Duration.ofMinutes(1)));
    BucketShare old = created(NOW.minus(Duration.ofMinutes(30)));

    Outcome waiting = statuses.refusedPrincipal(young);
    Outcome invalid = statuses.refusedPrincipal(old);

    assertThat(waiting.state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(waiting.reason()).isEqualTo("WaitingForPrincipal");
    assertThat(invalid.state()).isEqualTo(Outcome.State.STALLED);
    assertThat(invalid.reason()).isEqualTo("InvalidPrincipal");
    assertThat(invalid.message()).contains("999999999999").contains("spec.consumers");
  }

  @Test
  void recordedStatementIdsSurviveOutcomesThatSayNothingAboutThem() {
    BucketShare share = created(NOW);
    share.setStatus(
        statuses
            .update(share, Outcome.ready("Granted", "ok"), null, List.of("S1"), Duration.ZERO)
            .getResource()
            .orElseThrow()
            .getStatus());

    BucketShare afterError =
        statuses
            .update(share, Outcome.stalled("AccessDenied", "no"), null, Duration.ZERO)
            .getResource()
            .orElseThrow();
    assertThat(afterError.getStatus().getStatementIds()).containsExactly("S1");

    UpdateControl<BucketShare> leftOut =
        statuses.update(
            share, Outcome.stalled("PolicyTooLarge", "big"), null, List.of(), Duration.ZERO);
    assertThat(leftOut.getResource().orElseThrow().getStatus().getStatementIds()).isNull();
  }

  @Test
  void anUnchangedOutcomeKeepsItsTransitionTimeAndIsNotPatched() {
    BucketShare share = created(NOW);
    share.setStatus(
        statuses
            .update(share, Outcome.ready("Granted", "ok"), null, List.of("S1"), Duration.ZERO)
            .getResource()
            .orElseThrow()
            .getStatus());
    Condition ready = Shares.condition(share, Conditions.READY).orElseThrow();

    UpdateControl<BucketShare> again =
        new BucketShareStatuses(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
            .update(share, Outcome.ready("Granted", "ok"), null, List.of("S1"), Duration.ZERO);

    assertThat(again.isPatchStatus()).isFalse();
    assertThat(ready.getLastTransitionTime()).isNotNull();
  }

  @Test
  void theBucketPolicyGrowingWithOtherSharesChangesNothingInThisSharesStatus() {
    BucketShare share = created(NOW);
    List<String> sids = List.of("S1");
    BucketPolicyWriter.Result small = written(1200);
    share.setStatus(
        statuses
            .update(share, statuses.granted(share, sids), small, sids, Duration.ZERO)
            .getResource()
            .orElseThrow()
            .getStatus());

    UpdateControl<BucketShare> afterAnotherShareJoined =
        new BucketShareStatuses(Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC))
            .update(share, statuses.granted(share, sids), written(1900), sids, Duration.ZERO);

    assertThat(afterAnotherShareJoined.isPatchStatus()).isFalse();
    assertThat(statuses.granted(share, sids).message())
        .isEqualTo("Granted Read on bucket data to 1 consumer(s) in 1 statement(s).");
  }

  @Test
  void aShareLeftOutForSizeStillSaysHowFullThePolicyIs() {
    Outcome tooLarge = statuses.tooLarge(created(NOW), written(20100));

    assertThat(tooLarge.reason()).isEqualTo("PolicyTooLarge");
    assertThat(tooLarge.message()).contains("20480").contains("20100");
  }

  private static BucketPolicyWriter.Result written(int sizeBytes) {
    return new BucketPolicyWriter.Result(
        BucketPolicyWriter.Action.UNCHANGED,
        new io.s3share.operator.policy.BudgetedMerge.Plan(
            new io.s3share.operator.policy.MergeResult(
                java.util.Optional.empty(), false, sizeBytes, List.of()),
            java.util.Set.of(),
            List.of()),
        sizeBytes,
        java.util.Set.of(),
        java.util.Set.of(),
        java.util.Set.of());
  }

  private static BucketShare created(Instant when) {
    BucketShare share = BucketPolicyWriterTest.share("s", Consumer.account("999999999999"));
    share.getMetadata().setCreationTimestamp(when.toString());
    return share;
  }
}
