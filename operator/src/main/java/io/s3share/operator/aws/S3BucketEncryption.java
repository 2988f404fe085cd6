package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** {@link BucketEncryptionPort} over the SDK's S3 client. */
public final class S3BucketEncryption implements BucketEncryptionPort {

  private final S3Client s3;
  private final String account;

  public S3BucketEncryption(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public Optional<DefaultEncryption> read(String bucket) {
    return AwsCall.run(
        account,
        "s3:GetEncryptionConfiguration",
        bucket,
        () -> {
          try {
            return s3
                .getBucketEncryption(b -> b.bucket(bucket).expectedBucketOwner(account))
                .serverSideEncryptionConfiguration()
                .rules()
                .stream()
                .filter(rule -> rule.applyServerSideEncryptionByDefault() != null)
                .findFirst()
                .map(S3BucketEncryption::of);
          } catch (S3Exception e) {
            // AWS always reports a default (AES256 at least); an emulator may answer not found.
            if (AwsCall.errorCode(e).equals("ServerSideEncryptionConfigurationNotFoundError")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  private static DefaultEncryption of(ServerSideEncryptionRule rule) {
    ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
    return new DefaultEncryption(
        byDefault.sseAlgorithmAsString(),
        Optional.ofNullable(byDefault.kmsMasterKeyID()).filter(id -> !id.isBlank()),
        Boolean.TRUE.equals(rule.bucketKeyEnabled()));
  }
}
