package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.aws.KeyPolicyPort;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.KmsActions;
import io.s3share.operator.policy.ShareIntent;
import java.util.Optional;

/**
 * Reads what the bucket's default encryption means for a share: only for shares that read or write
 * objects, and only the key policy of a customer managed key in the bucket's own account. Public
 * because the audit reads the same way.
 */
public final class DefaultKeyReader {

  private DefaultKeyReader() {}

  /** Whether the share reads or writes object content, which S3 decrypts or encrypts with KMS. */
  static boolean needsKey(ShareIntent intent) {
    return !KmsActions.forS3Actions(Grants.actionsOf(intent.access(), intent.extraActions()))
        .isEmpty();
  }

  /** What the bucket's default encryption means for shares that read or write objects. */
  public static ShareDocuments.KeySide read(
      String bucket,
      String ownerAccountId,
      String region,
      BucketEncryptionPort encryption,
      KeyPolicyPort keys) {
    Optional<BucketEncryptionPort.DefaultEncryption> found;
    try {
      found = encryption.read(bucket);
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e;
      }
      // An installation whose IAM policy predates this check must keep its shares Ready.
      return new ShareDocuments.UnreadableKey(
          ShareDocuments.Cause.ENCRYPTION_NOT_READABLE,
          "",
          "Could not read the default encryption of bucket "
              + bucket
              + " to check its KMS key ("
              + e.reason()
              + "): grant s3:GetEncryptionConfiguration to the operator's role (see"
              + " docs/operator-iam-policy.json)");
    }
    DefaultKey named = DefaultKey.of(found, ownerAccountId, region);
    if (named instanceof DefaultKey.OtherAccount other) {
      return new ShareDocuments.UnreadableKey(
          ShareDocuments.Cause.OTHER_ACCOUNT,
          other.keyArn(),
          "The bucket's default KMS key "
              + other.keyArn()
              + " is in another account, whose key policy the operator cannot read: make sure"
              + " it allows each consumer kms:Decrypt and kms:GenerateDataKey");
    }
    if (named instanceof DefaultKey.Alias alias) {
      return new ShareDocuments.UnreadableKey(
          ShareDocuments.Cause.ALIAS,
          alias.alias(),
          "The bucket names its default KMS key by the alias "
              + alias.alias()
              + ", which the operator does not resolve: name the key by its ARN in the bucket's"
              + " default encryption");
    }
    if (!(named instanceof DefaultKey.InAccount own)) {
      return named instanceof DefaultKey.AwsManaged
          ? new ShareDocuments.AwsManagedKey("aws/s3")
          : ShareDocuments.NO_KEY;
    }
    String keyArn = own.keyArn();
    try {
      return keys.read(keyArn)
          .<ShareDocuments.KeySide>map(
              policy ->
                  new ShareDocuments.CustomerKey(keyArn, policy, found.get().bucketKeyEnabled()))
          .orElseGet(
              () ->
                  new ShareDocuments.UnreadableKey(
                      ShareDocuments.Cause.MISSING,
                      keyArn,
                      "The bucket's default KMS key " + keyArn + " does not exist"));
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e;
      }
      // The reason, not the SDK's message, which carries a request id: status must not flap.
      return new ShareDocuments.UnreadableKey(
          ShareDocuments.Cause.POLICY_NOT_READABLE,
          keyArn,
          "Could not read the policy of the bucket's default KMS key "
              + keyArn
              + " ("
              + e.reason()
              + "): grant kms:GetKeyPolicy on it to the operator's role (see"
              + " docs/operator-iam-policy.json)");
    }
  }
}
