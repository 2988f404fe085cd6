package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.bucketshare.ObservedPlans.Contest;
import io.s3share.operator.bucketshare.ObservedPlans.Planned;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.DanglingPrincipals;
import io.s3share.operator.policy.InstallationConflict;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.policy.SidNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one serialised path through which every change to a bucket's policy goes.
 *
 * <p>PutBucketPolicy replaces the whole document and has no conditional write, so two shares on one
 * bucket must never write concurrently. Each converge plans inside the bucket's lock from the
 * informer cache as it is then, so shares that arrive together are written together: the first
 * writer includes everything already cached, and the ones queued behind it usually find nothing
 * left to do. It also remembers the policy as it last saw it, so that shares that resync find them
 * converged without a read each ({@link #convergeOnObservation}).
 */
public final class BucketPolicyWriter {

  private static final Logger log = LoggerFactory.getLogger(BucketPolicyWriter.class);

  private final ConcurrentMap<BucketKey, BucketMemory> memories = new ConcurrentHashMap<>();
  private final SidNamespace ns;
  private final ObservedPlans plans;
  private final RaceMetrics races;
  private final BucketPolicyMetrics metrics;
  private final Duration observationPeriod;
  private final Clock clock;

  public BucketPolicyWriter(SidNamespace ns) {
    this(ns, RaceMetrics.unexported());
  }

  /** A writer that reads the policy on every converge. */
  public BucketPolicyWriter(SidNamespace ns, RaceMetrics races) {
    this(ns, races, BucketPolicyMetrics.unexported(MergeResult.BUCKET_POLICY_LIMIT_BYTES));
  }

  /** A writer that reads the policy on every converge, and reports its figures to metrics. */
  public BucketPolicyWriter(SidNamespace ns, RaceMetrics races, BucketPolicyMetrics metrics) {
    this(ns, races, metrics, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * @param observationPeriod how long a policy this writer read (or read back after writing) stands
   *     for AWS in {@link #convergeOnObservation}; shorter than the resync period, so that the
   *     share whose resync read it reads again at its next resync, and drift is found within one
   *     period
   */
  public BucketPolicyWriter(
      SidNamespace ns,
      RaceMetrics races,
      BucketPolicyMetrics metrics,
      Duration observationPeriod,
      Clock clock) {
    this.ns = ns;
    this.plans = new ObservedPlans(ns);
    this.races = races;
    this.metrics = metrics;
    this.observationPeriod = observationPeriod;
    this.clock = clock;
  }

  /** What a converge did. */
  public enum Action {
    /** The policy already meant what was planned: no AWS write. */
    UNCHANGED,
    WRITTEN,
    DELETED,
    /** Someone else wrote in between and our statements are not as planned: converge again. */
    RACED
  }

  /**
   * @param plan the admitted shares' policy and the rejected shares
   * @param sizeBytes the policy's size after the converge
   * @param refused ids of shares left out because AWS refused one of their principals
   * @param dangling role ARNs that AWS shows as unique ids in our statements: deleted roles
   * @param conflicts Sids under our prefix that another writer put back after we removed them
   * @param policy the policy as last read from AWS: after the write, or the unchanged one; what the
   *     share's effective access is judged on
   */
  public record Result(
      Action action,
      BudgetedMerge.Plan plan,
      int sizeBytes,
      Set<String> refused,
      Set<String> dangling,
      Set<String> conflicts,
      Optional<String> policy) {
    public Result {
      refused = Set.copyOf(refused);
      dangling = Set.copyOf(dangling);
      conflicts = Set.copyOf(conflicts);
    }

    public Result(
        Action action,
        BudgetedMerge.Plan plan,
        int sizeBytes,
        Set<String> refused,
        Set<String> dangling,
        Set<String> conflicts) {
      this(action, plan, sizeBytes, refused, dangling, conflicts, Optional.empty());
    }

    Result(
        Action action,
        BudgetedMerge.Plan plan,
        int sizeBytes,
        Set<String> refused,
        Set<String> dangling) {
      this(action, plan, sizeBytes, refused, dangling, Set.of());
    }

    Result withConflicts(Set<String> sids) {
      return new Result(action, plan, sizeBytes, refused, dangling, sids, policy);
    }

    Result withPolicy(Optional<String> read) {
      return new Result(action, plan, sizeBytes, refused, dangling, conflicts, read);
    }
  }

  /**
   * Reads the policy, plans against it, writes only when the plan means something different, and
   * reads back to verify.
   *
   * @param planner plans the desired policy from the current one; called under the bucket's lock
   * @param subject id of the share this converge is for: the only one whose refused principals or
   *     dangling roles are tried again, so that one bad share cannot make every converge write
   */
  public Result converge(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      PolicyPlanner planner,
      String subject) {
    return converge(key, accountId, port, planner, Set.of(subject), false);
  }

  /**
   * As {@link #converge(BucketKey, String, BucketPolicyPort, PolicyPlanner, String)}, for a batch
   * of shares, planning first against the policy this writer saw within the observation period: AWS
   * is read only when that plan would change the policy, or when the observation is older. Shares
   * on one bucket that resync within a period so cost one read between them, and drift is still
   * found by the first converge after the observation ages.
   *
   * @param subjects ids of the shares this converge is for; see {@code subject} above
   */
  public Result convergeOnObservation(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      PolicyPlanner planner,
      Set<String> subjects) {
    return converge(key, accountId, port, planner, subjects, !observationPeriod.isZero());
  }

  /**
   * The bucket's policy as this writer read it, or read it back after writing, within the
   * observation period; empty when it has not seen it since. Does not wait for a converge in
   * progress: readers that only report (posture) take the last observation as it stands.
   */
  public Optional<Optional<String>> observed(BucketKey key) {
    BucketMemory memory = memories.get(key);
    return memory == null
        ? Optional.empty()
        : memory.observedSince(clock.instant().minus(observationPeriod));
  }

  private Result converge(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      PolicyPlanner planner,
      Set<String> subjects,
      boolean reuse) {
    BucketMemory memory = memories.computeIfAbsent(key, k -> new BucketMemory());
    synchronized (memory) {
      CountedReads counted = new CountedReads(port);
      Result result;
      try {
        result = converge(key, accountId, counted.port(), planner, subjects, memory, reuse);
      } catch (RuntimeException e) {
        // A failed read or write leaves the policy unknown: the next converge reads it.
        memory.forgetObservation();
        metrics.converged(
            accountId, key.bucket(), BucketPolicyMetrics.FAILED, counted.reads(), null);
        throw e;
      }
      report(key, accountId, result, counted.reads());
      // Said when the contested statements change, not on every converge while they stay so.
      if (memory.conflictsChanged(result.conflicts()) && !result.conflicts().isEmpty()) {
        log.warn(
            "bucket {}: statements {} under this installation's Sid prefix came back after"
                + " being removed; another writer uses the same installation id",
            key.bucket(),
            result.conflicts());
      }
      return result;
    }
  }

  private Result converge(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      PolicyPlanner planner,
      Set<String> subjects,
      BucketMemory memory,
      boolean reuse) {
    if (reuse) {
      Optional<Optional<String>> seen =
          memory.observedSince(clock.instant().minus(observationPeriod));
      if (seen.isPresent()) {
        Planned onSeen = plans.plan(seen.get(), planner, subjects, memory);
        if (onSeen.settled()) {
          return onSeen.unchanged(memory);
        }
      }
    }
    Optional<String> current = read(key, port, memory);
    Planned planned = plans.plan(current, planner, subjects, memory);
    if (planned.settled()) {
      return planned.unchanged(memory);
    }
    Set<String> skipped = planned.skipped();
    Contest contest = planned.contest();
    BudgetedMerge.Plan plan = contest.plan();
    // A foreign writer may have changed the policy since we read it. Re-reading right before
    // the write narrows that window to one round trip; S3 offers nothing to close it.
    Optional<String> fresh = read(key, port, memory);
    if (!fresh.equals(current)) {
      races.bucketPolicy();
      log.info(
          "bucket {}: policy changed by another writer between our read and our write;"
              + " planning again",
          key.bucket());
      current = fresh;
      contest = plans.contest(planner.plan(fresh, skipped), fresh, memory);
      plan = contest.plan();
      if (!plan.merge().changed()) {
        memory.accepted(plan);
        return new Result(Action.UNCHANGED, plan, plan.merge().sizeBytes(), skipped, Set.of())
            .withConflicts(contest.returned())
            .withPolicy(current);
      }
    }
    checkSize(key, plan.merge());
    RefusedPrincipals.Written written =
        new RefusedPrincipals(key, accountId, port, memory, ns, subjects, metrics)
            .write(planner, current, plan, skipped);
    MergeResult merge = written.plan().merge();
    memory.wrote(
        InstallationConflict.unexplained(current, merge.document(), ns),
        InstallationConflict.ownedSids(merge.document(), ns));
    // Compare with what we wrote, not with a new plan: shares that arrived meanwhile are
    // the next converge's business, not a sign that someone else wrote.
    Optional<String> after = read(key, port, memory);
    Set<String> dangling;
    if (!sameMeaning(after, merge.document())) {
      Optional<Set<String>> replaced =
          after.isPresent() && merge.document().isPresent()
              ? DanglingPrincipals.between(merge.document().get(), after.get(), ns)
              : Optional.empty();
      if (replaced.isEmpty()) {
        races.bucketPolicy();
        log.info(
            "bucket {}: policy changed by another writer right after ours; converging again",
            key.bucket());
        return new Result(
                Action.RACED, written.plan(), merge.sizeBytes(), written.refused(), Set.of())
            .withConflicts(contest.returned())
            .withPolicy(after);
      }
      dangling = replaced.get();
    } else {
      dangling = Set.of();
    }
    return new Result(
            written.action(), written.plan(), merge.sizeBytes(), written.refused(), dangling)
        .withConflicts(contest.returned())
        .withPolicy(after);
  }

  /** The bucket's figures after a converge: its policy's size, and the reads it took. */
  private void report(BucketKey key, String accountId, Result result, int reads) {
    String outcome = result.action().name();
    if (result.plan().merge().document().isEmpty()) {
      // No policy on the bucket (deleted now, or never had one): no size to report.
      metrics.converged(accountId, key.bucket(), outcome, reads, null);
      metrics.deleted(accountId, key.bucket());
    } else {
      metrics.converged(accountId, key.bucket(), outcome, reads, result.sizeBytes());
    }
  }

  private Optional<String> read(BucketKey key, BucketPolicyPort port, BucketMemory memory) {
    Instant asked = clock.instant();
    Optional<String> policy = port.read(key.bucket());
    memory.observed(policy, asked);
    return policy;
  }

  static void checkSize(BucketKey key, MergeResult merge) {
    if (merge.exceedsBucketPolicyLimit()) {
      throw new StalledException(
          "PolicyTooLarge",
          "The bucket policy of "
              + key.bucket()
              + " would be "
              + merge.sizeBytes()
              + " bytes, over S3's limit of "
              + MergeResult.BUCKET_POLICY_LIMIT_BYTES
              + " bytes, even without the newest shares. Shrink the statements others wrote"
              + " to this policy, or share fewer prefixes.");
    }
  }

  private static boolean sameMeaning(Optional<String> read, Optional<String> written) {
    if (read.isEmpty() || written.isEmpty()) {
      return read.isEmpty() && written.isEmpty();
    }
    return PolicyEquivalence.equivalentJson(read.get(), written.get());
  }
}
