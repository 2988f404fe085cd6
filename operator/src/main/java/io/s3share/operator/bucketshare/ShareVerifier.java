package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.KmsKeyPolicies;
import io.s3share.operator.aws.S3BucketEncryption;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Outcome;
import java.util.Optional;

/**
 * Checks a share's effective access on the documents its reconcile read back. The only reads of its
 * own are the bucket's default encryption, for shares that read or write objects, and the policy of
 * a customer managed default key.
 */
final class ShareVerifier {

  static final String GRANT_SHADOWED = "GrantShadowed";
  static final String KMS_KEY_DENIES = "KmsKeyDenies";

  private final AccountResolver accounts;
  private final SidNamespace ns;

  ShareVerifier(AccountResolver accounts, SidNamespace ns) {
    this.accounts = accounts;
    this.ns = ns;
  }

  /**
   * @param bucketPolicy the bucket's policy as the writer last read it
   * @param accessPointArn and {@code accessPointPolicy}: the share's access point, if any
   */
  EffectiveAccessStatus check(
      BucketShare share,
      AwsAccount account,
      Optional<String> bucketPolicy,
      Optional<String> accessPointArn,
      Optional<String> accessPointPolicy) {
    ShareIntent intent = ShareModel.intentOf(share);
    String accountId = account.getSpec().getAccountId();
    String region = account.getSpec().getRegion();
    AccountClients clients = accounts.clientsFor(account);
    ShareDocuments.KeySide key =
        DefaultKeyReader.read(
            intent,
            intent.bucket(),
            accountId,
            region,
            new S3BucketEncryption(clients.s3(), accountId),
            new KmsKeyPolicies(clients.kms(), accountId));
    ShareDocuments documents =
        new ShareDocuments(accountId, region, bucketPolicy, accessPointArn, accessPointPolicy, key);
    return ShareVerification.verify(intent, documents, ns, share.getMetadata().getGeneration());
  }

  /** The outcome a check forces instead of Ready, when consumers cannot use the grant. */
  static Optional<Outcome> notReady(BucketShare share, EffectiveAccessStatus access) {
    String bucket = share.getSpec().getBucket().getName();
    if (access.getResult() == EffectiveAccessResult.Shadowed) {
      return Optional.of(
          Outcome.stalled(
              GRANT_SHADOWED,
              "This share's statements are in the policy of bucket "
                  + bucket
                  + ", but consumers cannot use them: "
                  + access.getMessage()));
    }
    if (access.getResult() == EffectiveAccessResult.KeyDenies) {
      return Optional.of(
          Outcome.stalled(
              KMS_KEY_DENIES,
              "This share's statements are in the policy of bucket "
                  + bucket
                  + ", but consumers cannot use its objects: "
                  + access.getMessage()));
    }
    return Optional.empty();
  }
}
