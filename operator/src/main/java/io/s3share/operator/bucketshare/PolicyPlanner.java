package io.s3share.operator.bucketshare;

import io.s3share.operator.policy.BudgetedMerge;
import java.util.Optional;
import java.util.Set;

/** Plans a bucket's policy from its current document, leaving out the shares named. */
@FunctionalInterface
public interface PolicyPlanner {

  /**
   * @param current the bucket's policy as read, empty when it has none
   * @param excluded ids of shares whose grants must stay out (e.g. principals AWS refused)
   */
  BudgetedMerge.Plan plan(Optional<String> current, Set<String> excluded);
}
