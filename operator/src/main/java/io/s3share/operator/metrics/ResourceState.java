package io.s3share.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/** The one state a resource's kstatus conditions put it in, for counting resources by state. */
public enum ResourceState {
  READY,
  RECONCILING,
  STALLED,
  UNKNOWN;

  /**
   * Stalled wins over Reconciling, which wins over Ready; anything else (no status yet, or Ready
   * not True with neither of the others) is Unknown.
   */
  public static ResourceState of(List<Condition> conditions) {
    if (isTrue(conditions, "Stalled")) {
      return STALLED;
    }
    if (isTrue(conditions, "Reconciling")) {
      return RECONCILING;
    }
    if (isTrue(conditions, "Ready")) {
      return READY;
    }
    return UNKNOWN;
  }

  /** The label value: Ready, Reconciling, Stalled or Unknown, as the conditions spell them. */
  public String label() {
    String name = name();
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isTrue(List<Condition> conditions, String type) {
    return Optional.ofNullable(conditions).stream()
        .flatMap(List::stream)
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
