package io.s3share.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.s3share.operator.api.v1alpha1.ConditionedStatus;
import java.util.Objects;

/**
 * The Reconciling status a resource shows from the moment work on a new generation starts until its
 * outcome is known. Without it, while AWS answers slowly a new resource has no status at all and a
 * changed one still shows the previous generation's Ready, so kstatus readers (Argo CD, Flux,
 * {@code kubectl wait}) cannot tell that anything is under way.
 */
public final class Progress {

  public static final String REASON = "Progressing";

  private Progress() {}

  /** Whether {@code status} does not yet report on {@code resource}'s current generation. */
  public static boolean pending(HasMetadata resource, ConditionedStatus status) {
    return status == null
        || !Objects.equals(status.getObservedGeneration(), resource.getMetadata().getGeneration());
  }

  /** The outcome shown while the current generation is being applied. */
  public static Outcome outcome(HasMetadata resource) {
    return Outcome.reconciling(
        REASON,
        "Applying generation "
            + resource.getMetadata().getGeneration()
            + " to AWS; the outcome follows when AWS has answered.");
  }
}
