package io.s3share.operator.guardrail;

import java.time.Duration;
import java.util.Objects;

/**
 * The periodic review a SharingPolicy asks of what it allows.
 *
 * @param policy the SharingPolicy asking, for messages
 * @param every how long a review holds
 * @param revoke whether an overdue review removes the grants (otherwise it is only reported)
 */
public record ReviewRequirement(String policy, Duration every, boolean revoke) {

  public ReviewRequirement {
    Objects.requireNonNull(policy, "policy");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("reviewEvery must be positive, got " + every);
    }
  }
}
