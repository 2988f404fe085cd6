package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link BucketPolicyPort} over the SDK's S3 client. */
public final class S3BucketPolicies implements BucketPolicyPort {

  private final S3Client s3;
  private final String account;

  public S3BucketPolicies(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public Optional<String> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketPolicy",
        bucket,
        () -> {
          try {
            return Optional.of(
                s3.getBucketPolicy(b -> b.bucket(bucket).expectedBucketOwner(account)).policy());
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("NoSuchBucketPolicy")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public void write(String bucket, String policy) {
    AwsCall.exec(
        account,
        "s3:PutBucketPolicy",
        bucket,
        () ->
            s3.putBucketPolicy(b -> b.bucket(bucket).expectedBucketOwner(account).policy(policy)));
  }

  @Override
  public void delete(String bucket) {
    AwsCall.exec(
        account,
        "s3:DeleteBucketPolicy",
        bucket,
        () -> {
          try {
            s3.deleteBucketPolicy(b -> b.bucket(bucket).expectedBucketOwner(account));
          } catch (S3Exception e) {
            String code = AwsCall.errorCode(e);
            if (!code.equals("NoSuchBucketPolicy") && !code.equals("NoSuchBucket")) {
              throw e;
            }
          }
        });
  }

  @Override
  public boolean accountOwns(String bucket) {
    return AwsCall.run(
        account,
        "s3:ListAllMyBuckets",
        bucket,
        () ->
            s3.listBucketsPaginator(b -> b.prefix(bucket)).buckets().stream()
                .anyMatch(listed -> listed.name().equals(bucket)));
  }

  /**
   * Whether S3 refused a policy because a principal in it does not exist (or not yet, while IAM
   * propagates a new role): MalformedPolicy "Invalid principal in policy".
   */
  public static boolean refusesPrincipal(AwsCallException e) {
    return "PolicyRejected".equals(e.reason())
        && e.getMessage() != null
        && e.getMessage().contains("Invalid principal");
  }
}
