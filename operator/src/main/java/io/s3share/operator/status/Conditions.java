package io.s3share.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.s3share.operator.api.v1alpha1.ConditionedStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an {@link Outcome} into kstatus conditions.
 *
 * <p>Ready is always present. Reconciling and Stalled are "abnormal-true" conditions, so they are
 * present only while True, as kstatus recommends. A condition keeps its lastTransitionTime while
 * its status stays the same, so that re-reconciling an unchanged resource changes nothing and
 * GitOps tools see no churn.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  private Conditions() {}

  /** The conditions for {@code outcome}, reusing transition times from {@code previous}. */
  public static List<Condition> from(
      Outcome outcome, long generation, List<Condition> previous, Instant now) {
    List<Condition> next = new ArrayList<>();
    String readyStatus =
        switch (outcome.state()) {
          case READY -> "True";
          case RECONCILING -> "Unknown";
          case STALLED -> "False";
        };
    next.add(condition(READY, readyStatus, outcome, generation, previous, now));
    if (outcome.state() == Outcome.State.RECONCILING) {
      next.add(condition(RECONCILING, "True", outcome, generation, previous, now));
    }
    if (outcome.state() == Outcome.State.STALLED) {
      next.add(condition(STALLED, "True", outcome, generation, previous, now));
    }
    return List.copyOf(next);
  }

  /** The conditions in a resource's status; none when it has no status yet. */
  public static List<Condition> of(HasMetadata resource) {
    return resource instanceof CustomResource<?, ?> custom
            && custom.getStatus() instanceof ConditionedStatus conditioned
            && conditioned.getConditions() != null
        ? conditioned.getConditions()
        : List.of();
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static Condition condition(
      String type,
      String status,
      Outcome outcome,
      long generation,
      List<Condition> previous,
      Instant now) {
    String transitioned =
        find(previous, type)
            .filter(old -> Objects.equals(old.getStatus(), status))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(outcome.reason())
        .withMessage(outcome.message())
        .withObservedGeneration(generation)
        .withLastTransitionTime(transitioned)
        .build();
  }
}
