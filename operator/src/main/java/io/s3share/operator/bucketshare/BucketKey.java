package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.BucketShare;

/** A bucket as the operator addresses it: through an AwsAccount, by name. */
public record BucketKey(String accountRef, String bucket) {

  public static BucketKey of(BucketShare share) {
    return new BucketKey(
        share.getSpec().getBucket().getAccountRef(), share.getSpec().getBucket().getName());
  }

  /** The informer index key. */
  public String indexKey() {
    return accountRef + "/" + bucket;
  }
}
