package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link BucketLoggingPort} over the SDK's S3 client. */
public final class S3BucketLogging implements BucketLoggingPort {

  private final S3Client s3;
  private final String account;

  public S3BucketLogging(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public Optional<LogTarget> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetBucketLogging",
        bucket,
        () ->
            Optional.ofNullable(
                    s3.getBucketLogging(b -> b.bucket(bucket).expectedBucketOwner(account))
                        .loggingEnabled())
                .map(
                    enabled ->
                        new LogTarget(
                            enabled.targetBucket(),
                            enabled.targetPrefix() == null ? "" : enabled.targetPrefix())));
  }

  @Override
  public void write(String bucket, LogTarget target) {
    AwsCall.run(
        account,
        "s3:PutBucketLogging",
        bucket,
        () ->
            s3.putBucketLogging(
                b ->
                    b.bucket(bucket)
                        .expectedBucketOwner(account)
                        .bucketLoggingStatus(
                            s ->
                                s.loggingEnabled(
                                    l ->
                                        l.targetBucket(target.bucket())
                                            .targetPrefix(target.prefix())))));
  }
}
