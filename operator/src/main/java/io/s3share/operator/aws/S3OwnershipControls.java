package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link OwnershipControlsPort} over the SDK's S3 client. */
public final class S3OwnershipControls implements OwnershipControlsPort {

  private final S3Client s3;
  private final String account;

  public S3OwnershipControls(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public Optional<String> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketOwnershipControls",
        bucket,
        () -> {
          try {
            return s3
                .getBucketOwnershipControls(b -> b.bucket(bucket).expectedBucketOwner(account))
                .ownershipControls()
                .rules()
                .stream()
                .map(rule -> rule.objectOwnershipAsString())
                .findFirst();
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("OwnershipControlsNotFoundError")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public void write(String bucket, String objectOwnership) {
    AwsCall.run(
        account,
        "s3:PutBucketOwnershipControls",
        bucket,
        () -> {
          try {
            return s3.putBucketOwnershipControls(
                b ->
                    b.bucket(bucket)
                        .expectedBucketOwner(account)
                        .ownershipControls(c -> c.rules(r -> r.objectOwnership(objectOwnership))));
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("InvalidBucketAclWithObjectOwnership")) {
              throw new AclRefusedException(
                  AclRefusedException.Kind.ACL_STILL_GRANTS,
                  "S3 refused "
                      + objectOwnership
                      + " on bucket "
                      + bucket
                      + ": its ACL still grants access to others.",
                  e);
            }
            throw e;
          }
        });
  }
}
