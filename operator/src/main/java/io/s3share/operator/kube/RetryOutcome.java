package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome shown while JOSDK retries a failed reconcile with backoff: Reconciling, until the
 * last retry. After that the failure is no longer transient as far as anyone watching can tell, and
 * a resource that stayed Reconciling would show as progressing for ever (Argo CD, kstatus): it
 * becomes Stalled, and the operator keeps trying at the resync period.
 */
public final class RetryOutcome {

  private RetryOutcome() {}

  /** The outcome while retries remain. */
  public static Outcome of(Exception failure) {
    Optional<AwsCallException> aws = awsCause(failure);
    if (aws.isPresent()) {
      return Outcome.reconciling(aws.get().reason(), aws.get().getMessage());
    }
    Optional<IncompleteCacheException> incomplete =
        causeOf(failure, IncompleteCacheException.class);
    if (incomplete.isPresent()) {
      return Outcome.reconciling(IncompleteCacheException.REASON, incomplete.get().getMessage());
    }
    // No stack trace and no exception text in status: the log has them.
    return Outcome.reconciling(
        "ReconcileError", "Unexpected error, retrying: " + failure.getClass().getSimpleName());
  }

  /**
   * The outcome of this attempt on {@code resource}: Reconciling while retries remain, Stalled
   * after the last. A resource that already gave up on this generation for the same reason stays
   * Stalled through the new round of retries each resync starts, with the message it has: flipping
   * back to Reconciling would show it as progressing and degraded in turn.
   */
  public static Outcome of(
      HasMetadata resource, Exception failure, Optional<RetryInfo> retry, Duration resync) {
    Outcome outcome = of(failure, retry, resync);
    if (outcome.state() != Outcome.State.RECONCILING) {
      return outcome;
    }
    return Conditions.find(Conditions.of(resource), Conditions.STALLED)
        .filter(stalled -> "True".equals(stalled.getStatus()))
        .filter(stalled -> outcome.reason().equals(stalled.getReason()))
        .filter(stalled -> Objects.equals(stalled.getObservedGeneration(), generation(resource)))
        .map(stalled -> Outcome.stalled(stalled.getReason(), stalled.getMessage()))
        .orElse(outcome);
  }

  private static Long generation(HasMetadata resource) {
    return resource.getMetadata().getGeneration();
  }

  /** The outcome of this attempt: Reconciling while retries remain, Stalled after the last. */
  public static Outcome of(Exception failure, Optional<RetryInfo> retry, Duration resync) {
    Outcome retrying = of(failure);
    if (!exhausted(retry)) {
      return retrying;
    }
    String message =
        awsCause(failure).isPresent()
            ? retrying.message()
            : "Unexpected error: " + failure.getClass().getSimpleName() + ".";
    return Outcome.stalled(
        retrying.reason(),
        message
            + " Gave up retrying after "
            + retry.get().getAttemptCount()
            + " attempts; trying again every "
            + resync
            + ", or at once when the resource changes. Fix the cause named here, or see the"
            + " operator's log.");
  }

  /**
   * The AWS failure behind {@code failure}: JOSDK hands some failures over wrapped in its own
   * OperatorException, and status must still name the AWS reason, not an unexpected error.
   */
  static Optional<AwsCallException> awsCause(Throwable failure) {
    return causeOf(failure, AwsCallException.class);
  }

  /** The first exception of {@code type} in the cause chain of {@code failure}. */
  private static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Whether JOSDK will not retry this failure again by itself. */
  public static boolean exhausted(Optional<RetryInfo> retry) {
    return retry.map(RetryInfo::isLastAttempt).orElse(false);
  }

  /**
   * After the last retry, no more backoff: a slow retry at the resync period instead, so that a
   * fault that clears is still found.
   */
  public static <P extends HasMetadata> ErrorStatusUpdateControl<P> slowAfterLast(
      ErrorStatusUpdateControl<P> control, Optional<RetryInfo> retry, Duration resync) {
    return exhausted(retry) ? control.withNoRetry().rescheduleAfter(resync) : control;
  }
}
