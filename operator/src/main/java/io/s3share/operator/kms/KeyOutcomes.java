package io.s3share.operator.kms;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.status.Outcome;
import java.util.Optional;

/** What a key-policy converge means for the share it ran for, when that is not Ready. */
final class KeyOutcomes {

  private KeyOutcomes() {}

  static Optional<Outcome> of(BucketShare share, String keyArn, KeyPolicyWriter.Result result) {
    String id = BucketPlanner.id(share);
    String others = " The other shares using this key are not held up.";
    if (result.plan().rejected().contains(id)) {
      return Optional.of(
          Outcome.stalled(
              "PolicyTooLarge",
              "Adding this share's consumers would take the policy of KMS key "
                  + keyArn
                  + " over KMS's limit of "
                  + KeyGrants.KEY_POLICY_LIMIT_BYTES
                  + " bytes (older shares and foreign statements already use "
                  + result.sizeBytes()
                  + "). Consumers cannot read or write its objects. Share fewer prefixes, give"
                  + " consumers identical access so their statements compact into one, or"
                  + " shrink the key policy's other statements."
                  + others));
    }
    if (result.refused().contains(id)) {
      return Optional.of(
          Outcome.stalled(
              "InvalidPrincipal",
              "KMS refuses a principal of this share in the policy of key "
                  + keyArn
                  + " (MalformedPolicyDocumentException): check that each account, role and"
                  + " organization in spec.consumers exists. Nothing of this share is in the key"
                  + " policy; it is tried again at each resync."
                  + others));
    }
    if (result.action() == KeyPolicyWriter.Action.RACED) {
      return Optional.of(
          Outcome.reconciling(
              "ConcurrentPolicyWrite",
              "Another writer changed the policy of KMS key "
                  + keyArn
                  + " right after ours; converging again."));
    }
    return Optional.empty();
  }
}
