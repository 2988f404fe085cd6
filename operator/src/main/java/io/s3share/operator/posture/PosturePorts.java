package io.s3share.operator.posture;

import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountPublicAccessBlockPort;
import io.s3share.operator.aws.BucketAclPort;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.aws.BucketLoggingPort;
import io.s3share.operator.aws.BucketPolicyPort;
import io.s3share.operator.aws.CloudTrailTrails;
import io.s3share.operator.aws.ObjectListingPort;
import io.s3share.operator.aws.OwnershipControlsPort;
import io.s3share.operator.aws.PublicAccessBlockPort;
import io.s3share.operator.aws.S3BucketAcls;
import io.s3share.operator.aws.S3BucketEncryption;
import io.s3share.operator.aws.S3BucketLogging;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.aws.S3ControlPublicAccessBlocks;
import io.s3share.operator.aws.S3ObjectListing;
import io.s3share.operator.aws.S3OwnershipControls;
import io.s3share.operator.aws.S3PublicAccessBlocks;
import io.s3share.operator.aws.TrailPort;

/** The read-only ports a posture read goes through, for one account. */
public record PosturePorts(
    String accountId,
    OwnershipControlsPort ownership,
    PublicAccessBlockPort bucketBlock,
    AccountPublicAccessBlockPort accountBlock,
    BucketAclPort acls,
    BucketPolicyPort policies,
    BucketEncryptionPort encryption,
    BucketLoggingPort logging,
    ObjectListingPort objects,
    TrailPort trails) {

  /** The same ports, with policies read through {@code policies}. */
  public PosturePorts withPolicies(BucketPolicyPort policies) {
    return new PosturePorts(
        accountId,
        ownership,
        bucketBlock,
        accountBlock,
        acls,
        policies,
        encryption,
        logging,
        objects,
        trails);
  }

  /** The SDK adapters over one account's clients. */
  public static PosturePorts of(AccountClients clients) {
    String id = clients.accountId();
    return new PosturePorts(
        id,
        new S3OwnershipControls(clients.s3(), id),
        new S3PublicAccessBlocks(clients.s3(), id),
        new S3ControlPublicAccessBlocks(clients.s3Control(), id),
        new S3BucketAcls(clients.s3(), id),
        new S3BucketPolicies(clients.s3(), id),
        new S3BucketEncryption(clients.s3(), id),
        new S3BucketLogging(clients.s3(), id),
        new S3ObjectListing(clients.s3(), id),
        new CloudTrailTrails(clients.cloudTrail(), id));
  }
}
