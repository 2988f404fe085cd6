package io.s3share.operator.posture;

import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.metrics.PostureMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a bucket's posture for a share or a role grant. Each bucket is read at most once per
 * {@code readEvery} (half the resync period), each account's Block Public Access and trails too,
 * and each object sample once per set of prefixes: hundreds of shares on one bucket cost the reads
 * of one. Only reads: nothing here writes to AWS.
 */
public final class PostureReports {

  private static final Logger log = LoggerFactory.getLogger(PostureReports.class);

  private record BucketAt(String accountId, String bucket) {}

  private record SampleOf(String accountId, String bucket, List<String> prefixes, boolean acls) {}

  private record Known<T>(Instant readAt, T value) {}

  private final Duration readEvery;
  private final int sampleLimit;
  private final Clock clock;
  private final PostureMetrics metrics;
  private final RecentPolicies recentPolicies;
  private final ConcurrentMap<BucketAt, Known<PostureReader.BucketFacts>> buckets =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Known<PostureReader.AccountFacts>> accounts =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<SampleOf, Known<Fact<ObjectAclSample>>> samples =
      new ConcurrentHashMap<>();

  /**
   * @param readEvery how long what was read stays known
   * @param sampleLimit the most object ACLs one sample reads
   */
  public PostureReports(Duration readEvery, int sampleLimit, Clock clock, PostureMetrics metrics) {
    this(readEvery, sampleLimit, clock, metrics, RecentPolicies.NONE);
  }

  /**
   * As above, taking bucket policies from {@code recentPolicies} when they were seen lately, so
   * that the posture of a bucket whose policy the operator writes costs no policy read of its own.
   */
  public PostureReports(
      Duration readEvery,
      int sampleLimit,
      Clock clock,
      PostureMetrics metrics,
      RecentPolicies recentPolicies) {
    this.readEvery = readEvery;
    this.sampleLimit = sampleLimit;
    this.clock = clock;
    this.metrics = metrics;
    this.recentPolicies = recentPolicies;
  }

  /**
   * The posture of {@code bucket} for one share or grant, with its findings; empty when AWS could
   * not be read just now (throttled, unreachable), so that status keeps what it showed before.
   *
   * @param reporter the share or grant, for the findings metric
   * @param ports the account's read-only ports, built only when a read is due
   */
  public Optional<PostureStatus> report(
      String reporter,
      String bucket,
      ShareNeed need,
      String accountId,
      Supplier<PosturePorts> ports) {
    try {
      BucketPosture posture = posture(bucket, need, accountId, ports);
      List<Finding> findings = PostureFindings.of(posture, need);
      metrics.report(
          reporter,
          accountId,
          bucket,
          findings.stream().map(Finding::reason).collect(Collectors.toSet()));
      return Optional.of(PostureStatuses.of(posture, findings));
    } catch (AwsCallException e) {
      log.info("posture of bucket {} not read now: {}", bucket, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Forgets what was read of one bucket, so that the next report reads it again. Called when the
   * operator itself changed the bucket's posture (a SharedBucket's ACL migration, Block Public
   * Access or logging): its shares would otherwise show the old posture until the period ends.
   */
  public void bucketChanged(String accountId, String bucket) {
    buckets.remove(new BucketAt(accountId, bucket));
    samples
        .keySet()
        .removeIf(key -> key.accountId().equals(accountId) && key.bucket().equals(bucket));
  }

  /** Drops what a deleted share or role reported from the findings metric. */
  public void forget(String reporterPrefix) {
    metrics.forget(reporterPrefix);
  }

  private BucketPosture posture(
      String bucket, ShareNeed need, String accountId, Supplier<PosturePorts> ports) {
    Function<Supplier<PosturePorts>, PostureReader> reader =
        p -> {
          PosturePorts read = p.get();
          return new PostureReader(
              read.withPolicies(recentPolicies.before(accountId, read.policies())));
        };
    PostureReader.BucketFacts facts =
        cached(buckets, new BucketAt(accountId, bucket), () -> reader.apply(ports).bucket(bucket));
    PostureReader.AccountFacts account =
        cached(accounts, accountId, () -> reader.apply(ports).account());
    boolean acls =
        facts
            .objectOwnership()
            .read()
            .map(o -> !o.equals(Optional.of(BucketPosture.ENFORCED)))
            .orElse(true);
    List<String> prefixes = need.prefixes().stream().sorted().distinct().toList();
    Fact<ObjectAclSample> sample =
        cached(
            samples,
            new SampleOf(accountId, bucket, prefixes, acls),
            () -> reader.apply(ports).sample(bucket, prefixes, sampleLimit, acls));
    Fact<DataEvents> events =
        account
            .trails()
            .read()
            .map(t -> Fact.known(DataEventCoverage.of(t, bucket)))
            .orElseGet(
                () ->
                    account.trails() instanceof Fact.Unreadable<?> missing
                        ? new Fact.Unreadable<>(missing.iamAction(), missing.denied())
                        : Fact.unavailable("cloudtrail:DescribeTrails"));
    return new BucketPosture(
        bucket,
        accountId,
        facts.objectOwnership(),
        facts.bucketBlock(),
        account.accountBlock(),
        facts.bucketAcl(),
        facts.aclConditionStatements(),
        facts.encryption(),
        facts.logging(),
        sample,
        events);
  }

  /**
   * The known value, or a fresh read. Concurrent reconciles that find the same key stale wait for
   * one read instead of each making their own (compute runs once per key at a time).
   */
  private <K, T> T cached(ConcurrentMap<K, Known<T>> facts, K key, Supplier<T> read) {
    Instant now = clock.instant();
    return facts
        .compute(
            key,
            (k, known) ->
                known != null && known.readAt().plus(readEvery).isAfter(now)
                    ? known
                    : new Known<>(now, read.get()))
        .value();
  }
}
