package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.policy.Bisection;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.BudgetedMerge.ShareGrants;
import io.s3share.operator.policy.MergeResult;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a planned policy; when S3 refuses a principal in it ("Invalid principal in policy", for an
 * account, role or organization that does not exist or not yet), finds the shares that carry it by
 * bisecting, and writes the policy without them. One bad principal then stops only its own share:
 * every other grant and every revocation on the bucket still goes through.
 */
final class RefusedPrincipals {

  private static final Logger log = LoggerFactory.getLogger(RefusedPrincipals.class);

  /** What was written in the end, and which shares were left out for refused principals. */
  record Written(BucketPolicyWriter.Action action, BudgetedMerge.Plan plan, Set<String> refused) {}

  private final BucketKey key;
  private final String accountId;
  private final BucketPolicyPort port;
  private final BucketMemory memory;

  RefusedPrincipals(BucketKey key, String accountId, BucketPolicyPort port, BucketMemory memory) {
    this.key = key;
    this.accountId = accountId;
    this.port = port;
    this.memory = memory;
  }

  Written write(
      PolicyPlanner planner,
      Optional<String> current,
      BudgetedMerge.Plan plan,
      Set<String> skipped) {
    try {
      BucketPolicyWriter.Action action = apply(plan.merge());
      memory.accepted(plan);
      return new Written(action, plan, skipped);
    } catch (AwsCallException e) {
      if (!S3BucketPolicies.refusesPrincipal(e)) {
        throw e;
      }
      // Suspect the shares AWS has not accepted yet first; if the policy fails without all of
      // them, a principal accepted before has gone bad (e.g. a deleted role): suspect everyone.
      Set<String> newcomers = memory.newcomers(plan);
      Set<String> refused =
          newcomers.isEmpty() ? Set.of() : culprits(planner, current, skipped, newcomers);
      if (refused.isEmpty()) {
        refused =
            culprits(
                planner,
                current,
                skipped,
                plan.admitted().stream().map(ShareGrants::shareId).toList());
      }
      if (refused.isEmpty()) {
        throw e;
      }
      memory.refused(plan, refused);
      Set<String> excluded = union(skipped, refused);
      BudgetedMerge.Plan without = planner.plan(current, excluded);
      BucketPolicyWriter.checkSize(key, without.merge());
      BucketPolicyWriter.Action action = apply(without.merge());
      memory.accepted(without);
      log.info(
          "account {} bucket {}: S3 refused a principal of {}; wrote the policy without them",
          accountId,
          key.bucket(),
          refused);
      return new Written(action, without, excluded);
    }
  }

  private Set<String> culprits(
      PolicyPlanner planner,
      Optional<String> current,
      Set<String> skipped,
      java.util.Collection<String> suspects) {
    List<String> ordered = suspects.stream().sorted().toList();
    return Bisection.culprits(
        ordered,
        included -> {
          Set<String> excluded = new HashSet<>(skipped);
          ordered.stream().filter(id -> !included.contains(id)).forEach(excluded::add);
          try {
            apply(planner.plan(current, excluded).merge());
            return true;
          } catch (AwsCallException e) {
            if (S3BucketPolicies.refusesPrincipal(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  private BucketPolicyWriter.Action apply(MergeResult merge) {
    if (merge.document().isPresent()) {
      port.write(key.bucket(), merge.document().get());
      log.info(
          "account {} bucket {}: wrote bucket policy ({} bytes, {} foreign statements kept)",
          accountId,
          key.bucket(),
          merge.sizeBytes(),
          merge.foreign().size());
      return BucketPolicyWriter.Action.WRITTEN;
    }
    port.delete(key.bucket());
    log.info(
        "account {} bucket {}: deleted bucket policy, nothing left in it", accountId, key.bucket());
    return BucketPolicyWriter.Action.DELETED;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
