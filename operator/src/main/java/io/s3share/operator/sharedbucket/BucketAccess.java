package io.s3share.operator.sharedbucket;

import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.BucketAclPort;
import io.s3share.operator.aws.BucketLoggingPort;
import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.aws.OwnershipControlsPort;
import io.s3share.operator.aws.PublicAccessBlockPort;
import io.s3share.operator.aws.S3BucketAcls;
import io.s3share.operator.aws.S3BucketLogging;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.aws.S3OwnershipControls;
import io.s3share.operator.aws.S3PublicAccessBlocks;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.bucketshare.BucketPolicyWriter;
import io.s3share.operator.bucketshare.PolicyPlanner;

/** The ports one SharedBucket's converge uses in its account, and the shared policy writer. */
record BucketAccess(
    String accountId,
    String partition,
    BucketPolicyWriter writer,
    BucketPolicyPort policies,
    BucketAclPort acls,
    OwnershipControlsPort ownership,
    PublicAccessBlockPort publicAccess,
    BucketLoggingPort logging) {

  static BucketAccess of(
      AccountClients clients, String accountId, String partition, BucketPolicyWriter writer) {
    var s3 = clients.s3();
    return new BucketAccess(
        accountId,
        partition,
        writer,
        new S3BucketPolicies(s3, accountId),
        new S3BucketAcls(s3, accountId),
        new S3OwnershipControls(s3, accountId),
        new S3PublicAccessBlocks(s3, accountId),
        new S3BucketLogging(s3, accountId));
  }

  /** Converges a bucket's policy through the bucket's single writer. */
  BucketPolicyWriter.Result converge(String bucket, PolicyPlanner planner, String subject) {
    return writer.converge(new BucketKey(accountId, bucket), accountId, policies, planner, subject);
  }
}
