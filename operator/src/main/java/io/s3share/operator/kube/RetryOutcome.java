package io.s3share.operator.kube;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.status.Outcome;

/** The Reconciling outcome shown while JOSDK retries a failed reconcile with backoff. */
public final class RetryOutcome {

  private RetryOutcome() {}

  public static Outcome of(Exception failure) {
    if (failure instanceof AwsCallException aws) {
      return Outcome.reconciling(aws.reason(), aws.getMessage());
    }
    // No stack trace and no exception text in status: the log has them.
    return Outcome.reconciling(
        "ReconcileError", "Unexpected error, retrying: " + failure.getClass().getSimpleName());
  }
}
