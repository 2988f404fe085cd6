package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link BucketAclPort} over the SDK's S3 client. */
public final class S3BucketAcls implements BucketAclPort {

  private final S3Client s3;
  private final String account;

  public S3BucketAcls(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public Optional<Acl> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketAcl",
        bucket,
        () -> {
          try {
            var acl = s3.getBucketAcl(b -> b.bucket(bucket).expectedBucketOwner(account));
            return Optional.of(
                new Acl(
                    ownerId(acl.owner()), acl.grants().stream().map(S3BucketAcls::of).toList()));
          } catch (NoSuchBucketException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public Optional<Acl> readObject(String bucket, String key) {
    return AwsCall.run(
        account,
        "s3:GetObjectAcl",
        bucket + "/" + key,
        () -> {
          try {
            var acl = s3.getObjectAcl(b -> b.bucket(bucket).key(key).expectedBucketOwner(account));
            return Optional.of(
                new Acl(
                    ownerId(acl.owner()), acl.grants().stream().map(S3BucketAcls::of).toList()));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("NoSuchKey")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public void makePrivate(String bucket) {
    AwsCall.run(
        account,
        "s3:PutBucketAcl",
        bucket,
        () -> {
          try {
            return s3.putBucketAcl(
                b -> b.bucket(bucket).expectedBucketOwner(account).acl(BucketCannedACL.PRIVATE));
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("AccessControlListNotSupported")) {
              throw new AclRefusedException(
                  AclRefusedException.Kind.ACLS_ALREADY_OFF,
                  "S3 refused to reset the ACL of bucket "
                      + bucket
                      + ": its Object Ownership is BucketOwnerEnforced, so ACLs are off already.",
                  e);
            }
            throw e;
          }
        });
  }

  private static String ownerId(Owner owner) {
    return owner == null || owner.id() == null ? "" : owner.id();
  }

  private static AclGrant of(Grant grant) {
    Grantee grantee = grant.grantee();
    GranteeType type =
        switch (grantee.typeAsString()) {
          case "Group" -> GranteeType.Group;
          case "AmazonCustomerByEmail" -> GranteeType.AmazonCustomerByEmail;
          default -> GranteeType.CanonicalUser;
        };
    String id =
        switch (type) {
          case Group -> grantee.uri();
          case AmazonCustomerByEmail -> grantee.emailAddress();
          case CanonicalUser -> grantee.id();
        };
    return new AclGrant(type, id == null ? "" : id, grant.permissionAsString());
  }
}
