package io.s3share.operator.aws;

import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectListingPort} over the SDK's S3 client: one ListObjectsV2 page. */
public final class S3ObjectListing implements ObjectListingPort {

  private final S3Client s3;
  private final String account;

  public S3ObjectListing(S3Client s3, String account) {
    this.s3 = s3;
    this.account = account;
  }

  @Override
  public List<String> keys(String bucket, String prefix, int max) {
    if (max <= 0) {
      return List.of();
    }
    return AwsCall.run(
        account,
        "s3:ListBucket",
        bucket,
        () ->
            s3
                .listObjectsV2(
                    b ->
                        b.bucket(bucket)
                            .prefix(prefix.isEmpty() ? null : prefix)
                            .maxKeys(max)
                            .expectedBucketOwner(account))
                .contents()
                .stream()
                .map(S3Object::key)
                .limit(max)
                .toList());
  }
}
