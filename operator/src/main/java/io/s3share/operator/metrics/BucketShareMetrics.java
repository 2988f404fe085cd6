package io.s3share.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what a bucket's one write path had to work around, so that an operator sees it without
 * reading every share's status: principals S3 refused, roles that became unique ids, and statements
 * of this installation that another writer keeps putting back.
 */
public final class BucketShareMetrics {

  public static final String REFUSED_PRINCIPALS = "s3share.bucketshare.refused.principals";
  public static final String DANGLING_PRINCIPALS = "s3share.bucketshare.dangling.principals";
  public static final String INSTALLATION_CONFLICTS = "s3share.bucketshare.installation.conflicts";

  private final Counter refused;
  private final Counter dangling;
  private final Counter conflicts;

  public BucketShareMetrics(MeterRegistry registry) {
    refused =
        Counter.builder(REFUSED_PRINCIPALS)
            .description("Share reconciles whose principals S3 refused as invalid")
            .register(registry);
    dangling =
        Counter.builder(DANGLING_PRINCIPALS)
            .description("Share reconciles that found a granted role replaced by its unique id")
            .register(registry);
    conflicts =
        Counter.builder(INSTALLATION_CONFLICTS)
            .description(
                "Converges that found statements of this installation id, removed before,"
                    + " written back by another writer")
            .register(registry);
  }

  public void refusedPrincipal() {
    refused.increment();
  }

  public void danglingPrincipal() {
    dangling.increment();
  }

  public void installationConflict() {
    conflicts.increment();
  }
}
