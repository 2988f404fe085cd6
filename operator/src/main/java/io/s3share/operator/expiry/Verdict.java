package io.s3share.operator.expiry;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a resource's grants stand now, as its term and review decide, and when that next changes.
 *
 * @param grants whether the grants belong in AWS
 * @param message what happened and what to do; empty while active
 * @param nextChange when the verdict changes by the passing of time alone, if it will
 */
public record Verdict(State state, boolean grants, String message, Optional<Instant> nextChange) {

  public static final String EXPIRED_REASON = "Expired";
  public static final String REVIEW_OVERDUE_REASON = "ReviewOverdue";

  /** Within its term, review overdue (reported or revoked), or past its expiry. */
  public enum State {
    ACTIVE,
    REVIEW_OVERDUE,
    EXPIRED
  }

  public static Verdict active(Optional<Instant> nextChange) {
    return new Verdict(State.ACTIVE, true, "", nextChange);
  }

  public String reason() {
    return switch (state) {
      case ACTIVE -> "";
      case REVIEW_OVERDUE -> REVIEW_OVERDUE_REASON;
      case EXPIRED -> EXPIRED_REASON;
    };
  }

  /** An overdue review that is only reported: the grants stay, status says so. */
  public boolean reportsOverdueReview() {
    return state == State.REVIEW_OVERDUE && grants;
  }
}
