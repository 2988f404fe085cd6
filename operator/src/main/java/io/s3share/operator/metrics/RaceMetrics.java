package io.s3share.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counts races with other writers, as the Prometheus counter {@code s3share_races_total}: a policy
 * that another writer changed between our read and our write, or right after our write. S3 has no
 * conditional write for these policies, so the operator detects each race by reading again, and
 * converges again; a steady rate means someone keeps writing the same documents.
 */
public final class RaceMetrics {

  public static final String METER = "s3share.races";
  public static final String BUCKET_POLICY = "bucket_policy";
  public static final String ACCESS_POINT_POLICY = "access_point_policy";

  private final Counter bucketPolicy;
  private final Counter accessPointPolicy;

  public RaceMetrics(MeterRegistry registry) {
    // Registered up front, so that the series exists (at 0) before the first race.
    bucketPolicy = counter(registry, BUCKET_POLICY);
    accessPointPolicy = counter(registry, ACCESS_POINT_POLICY);
  }

  /** Counts into a registry of its own: for wiring that exports no metrics. */
  public static RaceMetrics unexported() {
    return new RaceMetrics(new SimpleMeterRegistry());
  }

  public void bucketPolicy() {
    bucketPolicy.increment();
  }

  public void accessPointPolicy() {
    accessPointPolicy.increment();
  }

  private static Counter counter(MeterRegistry registry, String resource) {
    return Counter.builder(METER)
        .description(
            "Policy writes that met another writer's change between our read and our write, or"
                + " right after it")
        .tag("resource", resource)
        .register(registry);
  }
}
