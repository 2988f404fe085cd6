package io.s3share.operator.posture;

/**
 * An ACL grant that reaches beyond the bucket's owner.
 *
 * @param key the object key, empty for the bucket's own ACL
 * @param grantee a canonical user id, an e-mail address, or {@code AllUsers} / {@code
 *     AuthenticatedUsers}
 * @param permission READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL
 */
public record AclGrant(String key, String grantee, String permission) {

  public static final String ALL_USERS = "AllUsers";
  public static final String AUTHENTICATED_USERS = "AuthenticatedUsers";

  /** Whether it grants to everyone, or to every AWS account. */
  public boolean isPublic() {
    return grantee.equals(ALL_USERS) || grantee.equals(AUTHENTICATED_USERS);
  }
}
