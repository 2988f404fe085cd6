package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.status.Outcome;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tells "the bucket belongs to another account" apart from "we may not touch it": S3 answers 403 to
 * both when a request carries ExpectedBucketOwner, and listing the account's own buckets tells the
 * two apart.
 */
final class BucketOwnership {

  private BucketOwnership() {}

  static Outcome diagnose(S3Client s3, AwsAccount account, String bucket, AwsCallException e) {
    if (e.deniedAction().filter(action -> action.startsWith("s3:")).isPresent()) {
      String accountId = account.getSpec().getAccountId();
      try {
        if (!new S3BucketPolicies(s3, accountId).accountOwns(bucket)) {
          return Outcome.stalled(
              "BucketOwnerMismatch",
              "Bucket "
                  + bucket
                  + " is not owned by account "
                  + accountId
                  + " (AwsAccount "
                  + account.getMetadata().getName()
                  + "); S3 refused the request carrying ExpectedBucketOwner. Fix"
                  + " spec.bucket.accountRef, or check whether the bucket was re-created by"
                  + " another account.");
        }
      } catch (AwsCallException listingFailed) {
        // Cannot tell; the AccessDenied message below is still right.
      }
    }
    return Outcome.stalled(e.reason(), e.getMessage());
  }
}
