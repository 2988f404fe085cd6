package io.s3share.operator.api.v1alpha1;

/** Where requests through an access point may come from. */
public enum NetworkOrigin {
  /** Any network, subject to the policies. */
  Internet,
  /** Only the given VPC. */
  VPC
}
