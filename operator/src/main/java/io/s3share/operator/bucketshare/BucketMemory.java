package io.s3share.operator.bucketshare;

import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.BudgetedMerge.ShareGrants;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the writer remembers of one bucket between converges, in memory only: which shares' grants
 * AWS last accepted, which it refused, and which conflicts it reported. Guarded by the writer's
 * lock on this object. Public because the KMS key-policy writer remembers each key the same way.
 */
public final class BucketMemory {

  /** The shares, with their grants, of the last policy AWS accepted or that was found converged. */
  private Set<ShareGrants> accepted = Set.of();

  /** Shares whose principals AWS refused, with the grants it refused. */
  private final Map<String, ShareGrants> refused = new HashMap<>();

  /** Our Sids this writer removed as explained by no share; see {@code InstallationConflict}. */
  private final Set<String> removedSids = new HashSet<>();

  /** The contested Sids last reported, so that a lasting conflict is reported once. */
  private Set<String> reportedConflicts = Set.of();

  /**
   * The policy as AWS last showed it to this writer, and when; null when not known. Volatile, so
   * that posture reads can see it without waiting for the writer's lock.
   */
  private volatile Observation observation;

  private record Observation(Optional<String> policy, Instant at) {}

  /** Remembers the policy as AWS has just shown it: read, or read back after our own write. */
  void observed(Optional<String> policy, Instant at) {
    observation = new Observation(policy, at);
  }

  /** After a failed call the policy may be anything: the next converge reads it. */
  void forgetObservation() {
    observation = null;
  }

  /** The policy as last seen, if it was seen at or after {@code notBefore}. */
  Optional<Optional<String>> observedSince(Instant notBefore) {
    return observation == null || observation.at().isBefore(notBefore)
        ? Optional.empty()
        : Optional.of(observation.policy());
  }

  /** Whether {@code conflicts} differ from the ones last reported; remembers them. */
  boolean conflictsChanged(Set<String> conflicts) {
    boolean changed = !conflicts.equals(reportedConflicts);
    reportedConflicts = Set.copyOf(conflicts);
    return changed;
  }

  /** Sids that came back after this writer removed them. */
  Set<String> returned(Set<String> unexplained) {
    Set<String> back = new HashSet<>(unexplained);
    back.retainAll(removedSids);
    return back;
  }

  void wrote(Set<String> removed, Set<String> written) {
    removedSids.addAll(removed);
    removedSids.removeAll(written);
  }

  public void accepted(BudgetedMerge.Plan plan) {
    accepted = Set.copyOf(plan.admitted());
    plan.admitted().forEach(share -> refused.remove(share.shareId()));
  }

  public void refused(BudgetedMerge.Plan plan, Set<String> shareIds) {
    plan.admitted().stream()
        .filter(share -> shareIds.contains(share.shareId()))
        .forEach(share -> refused.put(share.shareId(), share));
  }

  /** Ids of the planned shares that are new or changed since AWS last accepted the policy. */
  public Set<String> newcomers(BudgetedMerge.Plan plan) {
    return plan.admitted().stream()
        .filter(share -> !accepted.contains(share))
        .map(ShareGrants::shareId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Shares AWS refused before, with the very same grants, other than {@code subject}: left out
   * without asking AWS again, so that only their own converge retries them.
   */
  public Set<String> knownRefused(BudgetedMerge.Plan plan, String subject) {
    return knownRefused(plan, Set.of(subject));
  }

  /** As {@link #knownRefused(BudgetedMerge.Plan, String)}, for a batch of subjects. */
  public Set<String> knownRefused(BudgetedMerge.Plan plan, Set<String> subjects) {
    return plan.admitted().stream()
        .filter(share -> !subjects.contains(share.shareId()))
        .filter(share -> share.equals(refused.get(share.shareId())))
        .map(ShareGrants::shareId)
        .collect(Collectors.toSet());
  }

  /** Whether one of the subject shares grants to one of {@code principals}. */
  boolean names(BudgetedMerge.Plan plan, Set<String> subjects, Set<String> principals) {
    return plan.admitted().stream()
        .filter(share -> subjects.contains(share.shareId()))
        .flatMap(share -> share.grants().stream())
        .anyMatch(grant -> principals.contains(grant.grantee().value()));
  }
}
