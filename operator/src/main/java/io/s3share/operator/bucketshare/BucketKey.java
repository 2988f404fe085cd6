package io.s3share.operator.bucketshare;

/**
 * A bucket as AWS knows it: the owning account's id and the bucket's name. Never the AwsAccount's
 * name: two AwsAccounts for one account id reach the same bucket, and must share one writer.
 */
public record BucketKey(String accountId, String bucket) {}
