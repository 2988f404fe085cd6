package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyEquivalence;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one serialised path through which every change to a bucket's policy goes.
 *
 * <p>PutBucketPolicy replaces the whole document and has no conditional write, so two shares on one
 * bucket must never write concurrently. Each converge plans inside the bucket's lock from the
 * informer cache as it is then, so shares that arrive together are written together: the first
 * writer includes everything already cached, and the ones queued behind it usually find nothing
 * left to do.
 */
public final class BucketPolicyWriter {

  private static final Logger log = LoggerFactory.getLogger(BucketPolicyWriter.class);

  private final ConcurrentMap<BucketKey, Object> locks = new ConcurrentHashMap<>();

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
   */
  public record Result(Action action, BudgetedMerge.Plan plan, int sizeBytes) {}

  /**
   * Reads the policy, plans against it, writes only when the plan means something different, and
   * reads back to verify.
   *
   * @param planner plans the desired policy from the current one; called under the bucket's lock
   */
  public Result converge(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      Function<Optional<String>, BudgetedMerge.Plan> planner) {
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      Optional<String> current = port.read(key.bucket());
      BudgetedMerge.Plan plan = planner.apply(current);
      if (!plan.merge().changed()) {
        return new Result(Action.UNCHANGED, plan, plan.merge().sizeBytes());
      }
      // A foreign writer may have changed the policy since we read it. Re-reading right before
      // the write narrows that window to one round trip; S3 offers nothing to close it.
      Optional<String> fresh = port.read(key.bucket());
      if (!fresh.equals(current)) {
        plan = planner.apply(fresh);
        if (!plan.merge().changed()) {
          return new Result(Action.UNCHANGED, plan, plan.merge().sizeBytes());
        }
      }
      MergeResult merge = plan.merge();
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
      Action action = apply(key, accountId, port, merge);
      // Compare with what we wrote, not with a new plan: shares that arrived meanwhile are
      // the next converge's business, not a sign that someone else wrote.
      Optional<String> after = port.read(key.bucket());
      if (!sameMeaning(after, merge.document())) {
        log.info(
            "bucket {}: policy changed by another writer right after ours; converging again",
            key.bucket());
        return new Result(Action.RACED, plan, merge.sizeBytes());
      }
      return new Result(action, plan, merge.sizeBytes());
    }
  }

  private static boolean sameMeaning(Optional<String> read, Optional<String> written) {
    if (read.isEmpty() || written.isEmpty()) {
      return read.isEmpty() && written.isEmpty();
    }
    return PolicyEquivalence.equivalentJson(read.get(), written.get());
  }

  private static Action apply(
      BucketKey key, String accountId, BucketPolicyPort port, MergeResult merge) {
    if (merge.document().isPresent()) {
      port.write(key.bucket(), merge.document().get());
      log.info(
          "account {} bucket {}: wrote bucket policy ({} bytes, {} foreign statements kept)",
          accountId,
          key.bucket(),
          merge.sizeBytes(),
          merge.foreign().size());
      return Action.WRITTEN;
    }
    port.delete(key.bucket());
    log.info(
        "account {} bucket {}: deleted bucket policy, nothing left in it", accountId, key.bucket());
    return Action.DELETED;
  }
}
