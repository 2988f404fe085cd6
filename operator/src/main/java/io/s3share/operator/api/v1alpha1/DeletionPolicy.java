package io.s3share.operator.api.v1alpha1;

/** What happens in AWS when the resource is deleted. */
public enum DeletionPolicy {
  /** Remove the access the resource granted. */
  Delete,
  /** Keep the access in AWS; the operator stops managing it. */
  Retain
}
