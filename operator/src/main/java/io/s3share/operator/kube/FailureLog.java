package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN when a reconcile starts failing for a new reason, instead of one per attempt: JOSDK
 * retries with backoff and then the operator tries again at every resync, and a failure that lasts
 * an hour would otherwise print the same line (and stack trace) every time. Status and Events say
 * the rest: whether it is still retrying, or gave up and tries at each resync.
 */
public final class FailureLog {

  private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

  private FailureLog() {}

  /**
   * Logs the failure unless the resource's Ready condition already gives its reason: an AWS failure
   * without its stack trace (its message says it all), anything else with it. The reason alone
   * counts, not Reconciling or Stalled, which alternate while retries run out and start again at
   * each resync.
   */
  public static void failed(HasMetadata resource, Exception failure, Outcome outcome) {
    String who =
        resource.getKind()
            + " "
            + resource.getMetadata().getNamespace()
            + "/"
            + resource.getMetadata().getName();
    if (alreadySays(resource, outcome)) {
      log.debug("{} failed again, as status already says: {}", who, outcome.reason());
      return;
    }
    if (RetryOutcome.awsCause(failure).isPresent()) {
      log.warn("{}: {} ({}): {}", who, outcome.state(), outcome.reason(), outcome.message());
    } else {
      log.warn("{}: {} ({})", who, outcome.state(), outcome.reason(), failure);
    }
  }

  private static boolean alreadySays(HasMetadata resource, Outcome outcome) {
    return Conditions.find(Conditions.of(resource), Conditions.READY)
        .filter(ready -> outcome.reason().equals(ready.getReason()))
        .isPresent();
  }
}
