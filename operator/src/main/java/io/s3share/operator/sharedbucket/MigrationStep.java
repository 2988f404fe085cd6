package io.s3share.operator.sharedbucket;

/** How far a bucket's move from ACLs to BucketOwnerEnforced got, in AWS's documented order. */
public enum MigrationStep {
  /** The SharedBucket does not ask for BucketOwnerEnforced. */
  NotRequested,
  /** A grant cannot be translated (public, or to an e-mail address): a person must decide. */
  Blocked,
  /** Step 1 and 2 under way: the statements are being written. */
  Translating,
  /** Step 1 and 2: every cross-account grant is in the bucket policy. */
  GrantsTranslated,
  /** Step 3: the bucket ACL is private. */
  AclPrivate,
  /** Step 4: Object Ownership is BucketOwnerEnforced; ACLs are off. */
  Enforced
}
