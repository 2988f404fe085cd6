package io.s3share.operator.expiry;

import io.javaoperatorsdk.operator.api.reconciler.BaseControl;
import java.time.Duration;

/** Shortens a reconcile result's requeue to a timer that falls due sooner. */
public final class Requeue {

  private Requeue() {}

  /** {@code control}, rescheduled after {@code timer} unless it already comes back sooner. */
  public static <C extends BaseControl<C>> C atMost(C control, Duration timer) {
    boolean sooner =
        control.getScheduleDelay().filter(delay -> delay <= timer.toMillis()).isPresent();
    return sooner ? control : control.rescheduleAfter(timer);
  }
}
