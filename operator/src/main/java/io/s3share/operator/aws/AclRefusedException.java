package io.s3share.operator.aws;

/**
 * S3 refused an ACL step of the migration for a reason the migration can act on; moto gives neither
 * answer, AWS gives both.
 */
public final class AclRefusedException extends RuntimeException {

  /** Why S3 refused. */
  public enum Kind {
    /**
     * {@code AccessControlListNotSupported}: an ACL write on a bucket whose Object Ownership is
     * already BucketOwnerEnforced. ACLs are off already.
     */
    ACLS_ALREADY_OFF,
    /**
     * {@code InvalidBucketAclWithObjectOwnership}: BucketOwnerEnforced asked for while the bucket
     * ACL still grants access to someone other than the owner.
     */
    ACL_STILL_GRANTS
  }

  private final Kind kind;

  public AclRefusedException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
