package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link PublicAccessBlockPort} over the SDK's S3 client. */
public final class S3PublicAccessBlocks implements PublicAccessBlockPort {

  private final S3Client s3;
  private final String account;

  public S3PublicAccessBlocks(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public boolean restrictsPublicBuckets(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketPublicAccessBlock",
        bucket,
        () -> {
          try {
            return Boolean.TRUE.equals(
                s3.getPublicAccessBlock(b -> b.bucket(bucket).expectedBucketOwner(account))
                    .publicAccessBlockConfiguration()
                    .restrictPublicBuckets());
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("NoSuchPublicAccessBlockConfiguration")) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<Settings> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketPublicAccessBlock",
        bucket,
        () -> {
          try {
            return Optional.of(
                of(
                    s3.getPublicAccessBlock(b -> b.bucket(bucket).expectedBucketOwner(account))
                        .publicAccessBlockConfiguration()));
          } catch (S3Exception e) {
            if (AwsCall.errorCode(e).equals("NoSuchPublicAccessBlockConfiguration")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  private static Settings of(PublicAccessBlockConfiguration c) {
    return new Settings(
        Boolean.TRUE.equals(c.blockPublicAcls()),
        Boolean.TRUE.equals(c.ignorePublicAcls()),
        Boolean.TRUE.equals(c.blockPublicPolicy()),
        Boolean.TRUE.equals(c.restrictPublicBuckets()));
  }

  @Override
  public void blockAll(String bucket) {
    AwsCall.run(
        account,
        "s3:PutBucketPublicAccessBlock",
        bucket,
        () ->
            s3.putPublicAccessBlock(
                b ->
                    b.bucket(bucket)
                        .expectedBucketOwner(account)
                        .publicAccessBlockConfiguration(
                            c ->
                                c.blockPublicAcls(true)
                                    .ignorePublicAcls(true)
                                    .blockPublicPolicy(true)
                                    .restrictPublicBuckets(true))));
  }
}
