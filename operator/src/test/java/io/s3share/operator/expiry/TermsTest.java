package io.s3share.operator.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.guardrail.ReviewRequirement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When grants stand, and when the verdict next changes, at times given by a fixed clock. */
class TermsTest {

  static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");
  static final ReviewRequirement WEEKLY_REPORT =
      new ReviewRequirement("weekly", Duration.ofDays(7), false);
  static final ReviewRequirement WEEKLY_REVOKE =
      new ReviewRequirement("weekly", Duration.ofDays(7), true);

  static BucketShare share(Map<String, String> annotations) {
    BucketShare share = new BucketShare();
    share.setMetadata(
        new ObjectMetaBuilder()
            .withName("reports")
            .withNamespace("team-a")
            .withCreationTimestamp(CREATED.toString())
            .withAnnotations(annotations)
            .build());
    return share;
  }

  static Term term(String expiresAt, Map<String, String> annotations, Clock clock) {
    return Term.of(
        share(annotations),
        expiresAt == null ? null : OffsetDateTime.parse(expiresAt),
        clock.instant());
  }

  static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void withoutLimitsGrantsStandAndNothingIsDue() {
    Clock clock = at("2030-06-01T00:00:00Z");
    Verdict v = Terms.judge(term(null, Map.of(), clock), Optional.empty(), clock.instant());
    assertThat(v.state()).isEqualTo(Verdict.State.ACTIVE);
    assertThat(v.grants()).isTrue();
    assertThat(v.nextChange()).isEmpty();
  }

  @Test
  void beforeItsExpiryAShareIsActiveAndComesBackThen() {
    Clock clock = at("2030-01-10T00:00:00Z");
    Verdict v =
        Terms.judge(
            term("2030-01-10T01:00:30+01:00", Map.of(), clock), Optional.empty(), clock.instant());
    assertThat(v.grants()).isTrue();
    assertThat(v.nextChange()).contains(Instant.parse("2030-01-10T00:00:30Z"));
  }

  @Test
  void atItsExpiryTheGrantsGoAndTheMessageSaysWhenAndWhatToDo() {
    Clock clock = at("2030-01-10T00:00:00Z");
    Verdict v =
        Terms.judge(
            term("2030-01-10T00:00:00Z", Map.of(), clock),
            Optional.of(WEEKLY_REPORT),
            clock.instant());
    assertThat(v.state()).isEqualTo(Verdict.State.EXPIRED);
    assertThat(v.reason()).isEqualTo("Expired");
    assertThat(v.grants()).isFalse();
    assertThat(v.nextChange()).isEmpty();
    assertThat(v.message())
        .contains("Access expired at 2030-01-10T00:00:00Z (spec.expiresAt)")
        .contains("set spec.expiresAt to a later time")
        .contains("delete this BucketShare");
  }

  @Test
  void aReviewCountsFromCreationUntilOneIsRecorded() {
    Clock before = at("2030-01-07T23:59:59Z");
    Verdict active =
        Terms.judge(term(null, Map.of(), before), Optional.of(WEEKLY_REVOKE), before.instant());
    assertThat(active.grants()).isTrue();
    assertThat(active.nextChange()).contains(Instant.parse("2030-01-08T00:00:00Z"));

    Clock due = at("2030-01-08T00:00:00Z");
    Verdict overdue =
        Terms.judge(term(null, Map.of(), due), Optional.of(WEEKLY_REVOKE), due.instant());
    assertThat(overdue.state()).isEqualTo(Verdict.State.REVIEW_OVERDUE);
    assertThat(overdue.reason()).isEqualTo("ReviewOverdue");
    assertThat(overdue.grants()).isFalse();
    assertThat(overdue.message())
        .contains("Review overdue since 2030-01-08T00:00:00Z")
        .contains("SharingPolicy weekly asks for a review every 7d")
        .contains("never reviewed (no annotation s3share.io/reviewed-at)")
        .contains("onReviewOverdue: Revoke")
        .contains("kubectl annotate bucketshare reports s3share.io/reviewed-at=");
  }

  @Test
  void aRecordedReviewRestartsTheIntervalAndReportOnlyKeepsTheGrants() {
    Clock clock = at("2030-02-01T00:00:00Z");
    Map<String, String> reviewed = Map.of(Term.REVIEWED_AT, "2030-01-30T12:00:00Z");
    Verdict active =
        Terms.judge(term(null, reviewed, clock), Optional.of(WEEKLY_REPORT), clock.instant());
    assertThat(active.state()).isEqualTo(Verdict.State.ACTIVE);
    assertThat(active.nextChange()).contains(Instant.parse("2030-02-06T12:00:00Z"));

    Clock late = at("2030-02-07T00:00:00Z");
    Verdict reported =
        Terms.judge(
            term("2030-03-01T00:00:00Z", reviewed, late),
            Optional.of(WEEKLY_REPORT),
            late.instant());
    assertThat(reported.state()).isEqualTo(Verdict.State.REVIEW_OVERDUE);
    assertThat(reported.grants()).isTrue();
    assertThat(reported.reportsOverdueReview()).isTrue();
    assertThat(reported.message())
        .contains("last reviewed at 2030-01-30T12:00:00Z")
        .contains("Its grants stay in place (onReviewOverdue: Report)");
    // The expiry is still ahead: that is the next change.
    assertThat(reported.nextChange()).contains(Instant.parse("2030-03-01T00:00:00Z"));
  }

  @Test
  void expiryComesBeforeTheReviewWhenSooner() {
    Clock clock = at("2030-01-02T00:00:00Z");
    Verdict v =
        Terms.judge(
            term("2030-01-03T00:00:00Z", Map.of(), clock),
            Optional.of(WEEKLY_REPORT),
            clock.instant());
    assertThat(v.nextChange()).contains(Instant.parse("2030-01-03T00:00:00Z"));
  }

  @Test
  void anUnreadableOrFutureReviewCountsAsNoneAndTheMessageSaysWhy() {
    Clock clock = at("2030-01-20T00:00:00Z");
    Verdict garbled =
        Terms.judge(
            term(null, Map.of(Term.REVIEWED_AT, "yesterday"), clock),
            Optional.of(WEEKLY_REVOKE),
            clock.instant());
    assertThat(garbled.grants()).isFalse();
    assertThat(garbled.message())
        .contains("annotation s3share.io/reviewed-at 'yesterday' is not an RFC 3339 timestamp")
        .contains("counts from creation at 2030-01-01T00:00:00Z");

    Verdict future =
        Terms.judge(
            term(null, Map.of(Term.REVIEWED_AT, "2031-01-01T00:00:00Z"), clock),
            Optional.of(WEEKLY_REVOKE),
            clock.instant());
    assertThat(future.grants()).isFalse();
    assertThat(future.message()).contains("'2031-01-01T00:00:00Z' is in the future");
  }
}
