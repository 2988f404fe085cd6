package io.s3share.operator.aws;

import java.util.List;
import java.util.Optional;

/** The access control lists of one account's buckets: read, and reset to private. */
public interface BucketAclPort {

  /** Who an ACL grant names, as S3 reports it. */
  enum GranteeType {
    CanonicalUser,
    Group,
    AmazonCustomerByEmail
  }

  /**
   * One grant of an ACL.
   *
   * @param type what {@code id} is
   * @param id the canonical user id, the group URI or the e-mail address
   * @param permission {@code READ}, {@code WRITE}, {@code READ_ACP}, {@code WRITE_ACP} or {@code
   *     FULL_CONTROL}
   */
  record AclGrant(GranteeType type, String id, String permission) {}

  /** An ACL with its owner's canonical id. */
  record Acl(String ownerId, List<AclGrant> grants) {
    public Acl {
      grants = List.copyOf(grants);
    }
  }

  /** The bucket's ACL, or empty when the bucket does not exist. */
  Optional<Acl> read(String bucket);

  /** The object's ACL, or empty when the object does not exist. */
  Optional<Acl> readObject(String bucket, String key);

  /**
   * Replaces the bucket's ACL with the canned ACL {@code private}: only the owner keeps access.
   * This is the only ACL the operator ever writes.
   */
  void makePrivate(String bucket);
}
