package io.s3share.operator.api.v1alpha1;

/** What happens to the grants of a resource whose periodic review is overdue. */
public enum ReviewOverdueAction {
  /** Keep the grants; report ReviewOverdue in status. */
  Report,
  /** Remove the grants until the resource is reviewed again. */
  Revoke
}
