package io.s3share.operator.posture;

import io.s3share.operator.aws.BucketPolicyPort;
import java.util.Optional;

/**
 * Bucket policies the operator saw lately, through its own policy writer: a posture read takes the
 * policy from here instead of asking AWS again, so that a bucket's policy is read once per resync
 * whether or not its posture is reported too.
 */
@FunctionalInterface
public interface RecentPolicies {

  /** For readers with no writer beside them: nothing is ever known. */
  RecentPolicies NONE = (accountId, bucket) -> Optional.empty();

  /**
   * The bucket's policy as seen lately (an empty inner value: the bucket had none), or empty when
   * it was not seen lately and AWS must be asked.
   */
  Optional<Optional<String>> of(String accountId, String bucket);

  /** {@code port}, reading from here first; writes still go to {@code port}. */
  default BucketPolicyPort before(String accountId, BucketPolicyPort port) {
    return BucketPolicyPort.readingThrough(
        port, bucket -> of(accountId, bucket).orElseGet(() -> port.read(bucket)));
  }
}
