package io.s3share.operator.api.v1alpha1;

/** What the check of a share's effective access found, from best to worst news. */
public enum EffectiveAccessResult {
  /** Every request the share's access level implies is allowed, and no more than that. */
  Verified,
  /** Allowed, and a statement the operator does not own already allows the consumer more. */
  Wider,
  /** Allowed unless a foreign Deny's condition on a key we cannot know (VPC endpoint, IP) bites. */
  Conditional,
  /** A foreign Deny takes away a request the share grants. */
  Shadowed,
  /** The bucket's default KMS key does not let the consumer decrypt or encrypt. */
  KeyDenies,
  /** The documents read back do not allow a request the share grants, and nothing denies it. */
  NotGranted,
  /** A document could not be read or judged, so nothing is claimed. */
  Unverifiable
}
