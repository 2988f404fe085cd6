package io.s3share.operator.posture;

import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.PeriodicReads;
import io.s3share.operator.metrics.PostureMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  private final int sampleLimit;
  private final PostureMetrics metrics;
  private final RecentPolicies recentPolicies;
  private final PeriodicReads<BucketAt, PostureReader.BucketFacts> buckets;
  private final PeriodicReads<String, PostureReader.AccountFacts> accounts;
  private final PeriodicReads<SampleOf, Fact<ObjectAclSample>> samples;

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
    this.buckets = new PeriodicReads<>(readEvery, clock);
    this.accounts = new PeriodicReads<>(readEvery, clock);
    this.samples = new PeriodicReads<>(readEvery, clock);
    this.sampleLimit = sampleLimit;
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
    buckets.forget(new BucketAt(accountId, bucket));
    samples.forgetIf(key -> key.accountId().equals(accountId) && key.bucket().equals(bucket));
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
        buckets.get(new BucketAt(accountId, bucket), () -> reader.apply(ports).bucket(bucket));
    PostureReader.AccountFacts account =
        accounts.get(accountId, () -> reader.apply(ports).account());
    boolean acls =
        facts
            .objectOwnership()
            .read()
            .map(o -> !o.equals(Optional.of(BucketPosture.ENFORCED)))
            .orElse(true);
    List<String> prefixes = need.prefixes().stream().sorted().distinct().toList();
    Fact<ObjectAclSample> sample =
        samples.get(
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
}
