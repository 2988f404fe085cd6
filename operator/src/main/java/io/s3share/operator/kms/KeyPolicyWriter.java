package io.s3share.operator.kms;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.aws.KeyPolicyPort;
import io.s3share.operator.aws.KmsKeyPolicies;
import io.s3share.operator.bucketshare.BucketMemory;
import io.s3share.operator.bucketshare.PolicyPlanner;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.Bisection;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyChange;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.policy.SidNamespace;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one serialised path through which every change to a KMS key's policy goes, keyed by key ARN.
 *
 * <p>PutKeyPolicy replaces the whole document, like PutBucketPolicy, and one key may encrypt
 * several buckets: each converge plans inside the key's lock from the informer cache, writes once
 * when the plan means something new, and reads back to verify. A principal KMS refuses stops only
 * the shares that carry it.
 */
public final class KeyPolicyWriter {

  private static final Logger log = LoggerFactory.getLogger(KeyPolicyWriter.class);

  private final ConcurrentMap<String, BucketMemory> memories = new ConcurrentHashMap<>();
  private final SidNamespace ns;

  public KeyPolicyWriter(SidNamespace ns) {
    this.ns = ns;
  }

  /** What a converge did. */
  public enum Action {
    /** The policy already meant what was planned: no write. */
    UNCHANGED,
    WRITTEN,
    /** Someone else wrote in between and our statements are not as planned: converge again. */
    RACED,
    /** The key does not exist (any more): nothing to write. */
    KEY_GONE
  }

  /**
   * @param refused ids of shares left out because KMS refused one of their principals
   * @param policy the key policy as last read: after the write, or the unchanged one
   */
  public record Result(
      Action action,
      BudgetedMerge.Plan plan,
      int sizeBytes,
      Set<String> refused,
      Optional<String> policy) {
    public Result {
      refused = Set.copyOf(refused);
    }
  }

  /**
   * @param planner plans the key policy from the current one; called under the key's lock
   * @param subject the share this converge is for: the only one whose refused principals are tried
   *     again, so that one bad share cannot make every converge write
   */
  public Result converge(
      String keyArn, String accountId, KeyPolicyPort port, PolicyPlanner planner, String subject) {
    BucketMemory memory = memories.computeIfAbsent(keyArn, k -> new BucketMemory());
    synchronized (memory) {
      Optional<String> current = port.read(keyArn);
      if (current.isEmpty()) {
        return new Result(Action.KEY_GONE, planner.plan(current, Set.of()), 0, Set.of(), current);
      }
      BudgetedMerge.Plan everyone = planner.plan(current, Set.of());
      Set<String> skipped = memory.knownRefused(everyone, subject);
      BudgetedMerge.Plan plan = skipped.isEmpty() ? everyone : planner.plan(current, skipped);
      if (!plan.merge().changed()) {
        memory.accepted(plan);
        return new Result(Action.UNCHANGED, plan, plan.merge().sizeBytes(), skipped, current);
      }
      // Narrows the window in which a foreign writer's edit (an administrator's statement) could
      // be overwritten to one round trip; KMS offers no conditional write to close it.
      Optional<String> fresh = port.read(keyArn);
      if (!fresh.equals(current)) {
        current = fresh;
        plan = planner.plan(current, skipped);
        if (fresh.isEmpty() || !plan.merge().changed()) {
          memory.accepted(plan);
          return new Result(Action.UNCHANGED, plan, plan.merge().sizeBytes(), skipped, current);
        }
      }
      Trial trial = new Trial(keyArn, accountId, port, planner, current, subject);
      Set<String> refused = new HashSet<>(skipped);
      try {
        trial.apply(plan);
        memory.accepted(plan);
      } catch (AwsCallException e) {
        if (!KmsKeyPolicies.refusesPrincipal(e)) {
          throw e;
        }
        Set<String> newcomers = memory.newcomers(plan);
        Set<String> culprits = newcomers.isEmpty() ? Set.of() : trial.culprits(skipped, newcomers);
        if (culprits.isEmpty()) {
          culprits =
              trial.culprits(
                  skipped,
                  plan.admitted().stream().map(BudgetedMerge.ShareGrants::shareId).toList());
        }
        if (culprits.isEmpty()) {
          throw e;
        }
        memory.refused(plan, culprits);
        refused.addAll(culprits);
        plan = planner.plan(current, refused);
        log.debug("key {}: KMS refused a principal of {}; writing without them", keyArn, culprits);
        trial.apply(plan);
        memory.accepted(plan);
      }
      Optional<String> after = port.read(keyArn);
      MergeResult merge = plan.merge();
      if (!sameMeaning(after, merge.document())) {
        log.info(
            "key {}: policy changed by another writer right after ours; converging again", keyArn);
        return new Result(Action.RACED, plan, merge.sizeBytes(), refused, after);
      }
      return new Result(Action.WRITTEN, plan, merge.sizeBytes(), refused, after);
    }
  }

  /** Writes plans for one converge, and finds refused principals by trial writes. */
  private final class Trial {
    private final String keyArn;
    private final String accountId;
    private final KeyPolicyPort port;
    private final PolicyPlanner planner;
    private final Optional<String> current;
    private final String subject;
    private Optional<String> inAws;

    Trial(
        String keyArn,
        String accountId,
        KeyPolicyPort port,
        PolicyPlanner planner,
        Optional<String> current,
        String subject) {
      this.keyArn = keyArn;
      this.accountId = accountId;
      this.port = port;
      this.planner = planner;
      this.current = current;
      this.subject = subject;
      this.inAws = current;
    }

    Set<String> culprits(Set<String> skipped, Collection<String> suspects) {
      List<String> ordered = suspects.stream().sorted().toList();
      return Bisection.culprits(
          ordered,
          included -> {
            Set<String> excluded = new HashSet<>(skipped);
            ordered.stream().filter(id -> !included.contains(id)).forEach(excluded::add);
            try {
              apply(planner.plan(current, excluded));
              return true;
            } catch (AwsCallException e) {
              if (KmsKeyPolicies.refusesPrincipal(e)) {
                return false;
              }
              throw e;
            }
          });
    }

    /** Writes the plan with its one log line; a key policy is never deleted, only rewritten. */
    void apply(BudgetedMerge.Plan plan) {
      MergeResult merge = plan.merge();
      if (merge.document().isEmpty()) {
        throw new StalledException(
            "KeyPolicyWouldBeEmpty",
            "Only this operator's statements are in the policy of KMS key "
                + keyArn
                + ": removing them would leave it empty and lock everyone out of the key. Add the"
                + " key administrators' statements to it.");
      }
      if (merge.exceeds(KeyGrants.KEY_POLICY_LIMIT_BYTES)) {
        throw new StalledException(
            "PolicyTooLarge",
            "The policy of KMS key "
                + keyArn
                + " would be "
                + merge.sizeBytes()
                + " bytes, over KMS's limit of "
                + KeyGrants.KEY_POLICY_LIMIT_BYTES
                + " bytes, even without the newest shares. Shrink the statements others wrote"
                + " to this key policy, or share fewer prefixes.");
      }
      port.write(keyArn, merge.document().get());
      Optional<String> before = inAws;
      inAws = merge.document();
      String change =
          "wrote key policy ("
              + merge.sizeBytes()
              + " bytes): "
              + PolicyChange.between(before, merge.document(), ns).describe();
      List<String> causes = PolicyChange.gaining(current, plan.admitted(), ns);
      if (causes.isEmpty()) {
        causes = List.of(subject);
      }
      String resource = "key " + keyArn;
      if (sameMeaning(before, merge.document())) {
        AwsChangeLog.rewritten(accountId, resource, change, causes);
      } else {
        AwsChangeLog.changed(accountId, resource, change, causes);
      }
    }
  }

  private static boolean sameMeaning(Optional<String> a, Optional<String> b) {
    return a.isPresent() && b.isPresent()
        ? PolicyEquivalence.equivalentJson(a.get(), b.get())
        : a.isEmpty() && b.isEmpty();
  }
}
