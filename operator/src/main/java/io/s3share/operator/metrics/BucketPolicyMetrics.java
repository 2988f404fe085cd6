package io.s3share.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the bucket policy writer reports about each bucket it converges: the policy's size against
 * S3's limit, the writes, how many shares each write carried, and the reads each converge made.
 * Reported by the writer itself, so the figures are the bucket's, not any one share's.
 */
public final class BucketPolicyMetrics {

  public static final String POLICY_BYTES = "s3share.bucket.policy.bytes";
  public static final String POLICY_LIMIT_BYTES = "s3share.bucket.policy.limit.bytes";
  public static final String WRITES = "s3share.bucket.policy.writes";
  public static final String COALESCED = "s3share.bucket.policy.coalesced.shares";
  public static final String READS = "s3share.bucket.policy.reads";
  public static final String CONVERGES = "s3share.bucket.policy.converges";

  /** The converge outcome a read is counted under when the converge failed. */
  public static final String FAILED = "failed";

  private final MeterRegistry registry;
  private final int limitBytes;
  private final ConcurrentMap<Tags, AtomicInteger> sizes = new ConcurrentHashMap<>();
  private final DistributionSummary coalesced;

  public BucketPolicyMetrics(MeterRegistry registry, int limitBytes) {
    this.registry = registry;
    this.limitBytes = limitBytes;
    this.coalesced =
        DistributionSummary.builder(COALESCED)
            .description(
                "Shares whose grants one bucket policy write added or changed: 1 when shares"
                    + " arrive one at a time, more when the writer coalesced them")
            .register(registry);
  }

  /** Counts into a registry of its own: for wiring that exports no metrics. */
  public static BucketPolicyMetrics unexported(int limitBytes) {
    return new BucketPolicyMetrics(new SimpleMeterRegistry(), limitBytes);
  }

  /**
   * One PutBucketPolicy or DeleteBucketPolicy sent.
   *
   * @param shares the shares whose grants it added or changed (at least 1: the one it was for)
   */
  public void wrote(String accountId, String bucket, int shares) {
    Counter.builder(WRITES)
        .description("PutBucketPolicy and DeleteBucketPolicy calls the operator made")
        .tags(bucketTags(accountId, bucket))
        .register(registry)
        .increment();
    coalesced.record(Math.max(1, shares));
  }

  /**
   * A converge of the bucket's policy ended.
   *
   * @param outcome what it did (unchanged, written, deleted, raced), or {@link #FAILED}
   * @param reads the GetBucketPolicy calls it made
   * @param sizeBytes the policy's size after it, or null when it says nothing about the size; a
   *     deleted policy removes the bucket's size series
   */
  public void converged(
      String accountId, String bucket, String outcome, int reads, Integer sizeBytes) {
    Counter.builder(CONVERGES)
        .description(
            "Converges of a bucket policy (one per batch of shares), by what they did; most"
                + " resyncs end unchanged without a read")
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    if (reads > 0) {
      Counter.builder(READS)
          .description(
              "GetBucketPolicy calls the bucket policy writer made, by what the converge that"
                  + " made them did; outcome=unchanged is the cost of resyncs")
          .tag("outcome", outcome.toLowerCase(Locale.ROOT))
          .register(registry)
          .increment(reads);
    }
    if (sizeBytes != null) {
      size(accountId, bucket, sizeBytes);
    }
  }

  /** The policy is gone: no size to report for the bucket until it has one again. */
  public void deleted(String accountId, String bucket) {
    Tags tags = bucketTags(accountId, bucket);
    if (sizes.remove(tags) != null) {
      registry.find(POLICY_BYTES).tags(tags).meters().forEach(registry::remove);
      registry.find(POLICY_LIMIT_BYTES).tags(tags).meters().forEach(registry::remove);
    }
  }

  private void size(String accountId, String bucket, int sizeBytes) {
    Tags tags = bucketTags(accountId, bucket);
    sizes
        .computeIfAbsent(
            tags,
            t -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder(POLICY_BYTES, value, AtomicInteger::get)
                  .description("Bytes of a bucket policy after the operator's last converge of it")
                  .baseUnit("bytes")
                  .tags(t)
                  .register(registry);
              Gauge.builder(POLICY_LIMIT_BYTES, () -> limitBytes)
                  .description("The size S3 allows a bucket policy, in bytes")
                  .baseUnit("bytes")
                  .tags(t)
                  .register(registry);
              return value;
            })
        .set(sizeBytes);
  }

  private static Tags bucketTags(String accountId, String bucket) {
    return Tags.of("account", accountId, "bucket", bucket);
  }
}
