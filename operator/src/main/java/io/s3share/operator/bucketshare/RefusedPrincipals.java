package io.s3share.operator.bucketshare;

import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.policy.Bisection;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.BudgetedMerge.ShareGrants;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyChange;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.policy.SidNamespace;
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
  private final SidNamespace ns;
  private final Set<String> subjects;
  private final BucketPolicyMetrics metrics;

  /** The policy as AWS last had it: read before the converge, then as each write left it. */
  private Optional<String> inAws = Optional.empty();

  RefusedPrincipals(
      BucketKey key,
      String accountId,
      BucketPolicyPort port,
      BucketMemory memory,
      SidNamespace ns,
      Set<String> subjects,
      BucketPolicyMetrics metrics) {
    this.key = key;
    this.metrics = metrics;
    this.accountId = accountId;
    this.port = port;
    this.memory = memory;
    this.ns = ns;
    this.subjects = Set.copyOf(subjects);
  }

  Written write(
      PolicyPlanner planner,
      Optional<String> current,
      BudgetedMerge.Plan plan,
      Set<String> skipped) {
    inAws = current;
    try {
      BucketPolicyWriter.Action action = apply(current, plan);
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
      log.debug(
          "bucket {}: S3 refused a principal of {}; writing without them", key.bucket(), refused);
      BucketPolicyWriter.Action action = apply(current, without);
      memory.accepted(without);
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
            apply(current, planner.plan(current, excluded));
            return true;
          } catch (AwsCallException e) {
            if (S3BucketPolicies.refusesPrincipal(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  /**
   * Writes the plan, with its one log line: what changed by Sid against what AWS had, and the
   * shares it is for. A trial write that leaves AWS as it was logs at DEBUG only.
   */
  private BucketPolicyWriter.Action apply(Optional<String> current, BudgetedMerge.Plan plan) {
    MergeResult merge = plan.merge();
    if (merge.document().isPresent()) {
      port.write(key.bucket(), merge.document().get());
    } else {
      port.delete(key.bucket());
    }
    Optional<String> before = inAws;
    inAws = merge.document();
    String change =
        merge.document().isPresent()
            ? "wrote bucket policy (" + merge.sizeBytes() + " bytes): "
            : "deleted bucket policy, nothing left in it: ";
    change += PolicyChange.between(before, merge.document(), ns).describe();
    List<String> causes =
        PolicyChange.gaining(
            current,
            plan.admitted().stream()
                .filter(share -> !share.shareId().equals(Delegation.PLAN_ID))
                .toList(),
            ns);
    if (causes.isEmpty()) {
      causes = subjects.stream().sorted().toList();
    }
    metrics.wrote(accountId, key.bucket(), causes.size());
    String resource = "bucket " + key.bucket();
    if (sameMeaning(before, merge.document())) {
      AwsChangeLog.rewritten(accountId, resource, change, causes);
    } else {
      AwsChangeLog.changed(accountId, resource, change, causes);
    }
    return merge.document().isPresent()
        ? BucketPolicyWriter.Action.WRITTEN
        : BucketPolicyWriter.Action.DELETED;
  }

  private static boolean sameMeaning(Optional<String> a, Optional<String> b) {
    return a.isPresent() && b.isPresent()
        ? PolicyEquivalence.equivalentJson(a.get(), b.get())
        : a.isEmpty() && b.isEmpty();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
