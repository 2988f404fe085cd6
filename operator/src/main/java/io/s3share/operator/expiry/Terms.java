package io.s3share.operator.expiry;

import io.s3share.operator.guardrail.Durations;
import io.s3share.operator.guardrail.ReviewRequirement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;

/** Judges whether a resource's grants stand at a given time; pure. */
public final class Terms {

  private Terms() {}

  /**
   * The verdict at {@code now}. Expiry wins over an overdue review: only extending it helps.
   *
   * @param review the review the SharingPolicies allowing the resource ask for, if any
   */
  public static Verdict judge(Term term, Optional<ReviewRequirement> review, Instant now) {
    Optional<Instant> expiry = term.expiresAt();
    if (expiry.isPresent() && !now.isBefore(expiry.get())) {
      return new Verdict(Verdict.State.EXPIRED, false, expiredMessage(term), Optional.empty());
    }
    Optional<Instant> due = review.map(r -> term.reviewBase().plus(r.every()));
    if (due.isPresent() && !now.isBefore(due.get())) {
      ReviewRequirement r = review.get();
      return new Verdict(
          Verdict.State.REVIEW_OVERDUE, !r.revoke(), overdueMessage(term, r, due.get()), expiry);
    }
    return Verdict.active(Stream.of(expiry, due).flatMap(Optional::stream).min(Instant::compareTo));
  }

  private static String expiredMessage(Term term) {
    return "Access expired at "
        + stamp(term.expiresAt().get())
        + " (spec.expiresAt), so its grants are removed. To restore them, set spec.expiresAt to a"
        + " later time; if the access is no longer needed, delete this "
        + term.kind()
        + ".";
  }

  private static String overdueMessage(Term term, ReviewRequirement review, Instant due) {
    String since =
        term.reviewedAt()
            .map(at -> "last reviewed at " + stamp(at) + " (annotation " + Term.REVIEWED_AT + ")")
            .orElseGet(
                () ->
                    term.reviewedAtProblem()
                            .map(p -> p + ", so it counts from creation at ")
                            .orElse(
                                "never reviewed (no annotation "
                                    + Term.REVIEWED_AT
                                    + "), so it counts"
                                    + " from creation at ")
                        + stamp(term.createdAt()));
    return "Review overdue since "
        + stamp(due)
        + ": SharingPolicy "
        + review.policy()
        + " asks for a review every "
        + Durations.describe(review.every())
        + ", and this "
        + term.kind()
        + " was "
        + since
        + ". "
        + (review.revoke()
            ? "Its grants are removed until it is reviewed (onReviewOverdue: Revoke)."
            : "Its grants stay in place (onReviewOverdue: Report).")
        + " After reviewing it, record the review: kubectl annotate "
        + term.kind().toLowerCase(java.util.Locale.ROOT)
        + " "
        + term.name()
        + " "
        + Term.REVIEWED_AT
        + "=$(date -u +%Y-%m-%dT%H:%M:%SZ) --overwrite";
  }

  private static String stamp(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
