package io.s3share.operator.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds the members of a group that make a test fail, by halving: for the bucket policy, the shares
 * whose principals AWS refuses, found with as few trial writes as the bad ones allow.
 */
public final class Bisection {

  private Bisection() {}

  /**
   * The suspects that make {@code accepts} fail, assuming it fails for all of them together and
   * that every failure is caused by at least one bad member of the set tried.
   *
   * @param accepts whether a set of suspects can be included together (e.g. the write succeeds)
   * @return the bad suspects; empty when {@code accepts} already fails for none of them, since then
   *     the cause lies outside the suspects
   */
  public static Set<String> culprits(List<String> suspects, Predicate<Set<String>> accepts) {
    if (!accepts.test(Set.of())) {
      return Set.of();
    }
    Set<String> good = new HashSet<>();
    Set<String> bad = new TreeSet<>();
    search(List.copyOf(suspects), good, bad, accepts);
    return bad;
  }

  /** Precondition: {@code good} plus {@code group} is not accepted. */
  private static void search(
      List<String> group, Set<String> good, Set<String> bad, Predicate<Set<String>> accepts) {
    if (group.size() <= 1) {
      bad.addAll(group);
      return;
    }
    int middle = group.size() / 2;
    for (List<String> half :
        List.of(group.subList(0, middle), group.subList(middle, group.size()))) {
      Set<String> trial = new HashSet<>(good);
      trial.addAll(half);
      if (accepts.test(trial)) {
        good.addAll(half);
      } else {
        search(new ArrayList<>(half), good, bad, accepts);
      }
    }
  }
}
