package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.aws.KeyPolicyPort;
import io.s3share.operator.aws.Regions;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ShareIntent;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the bucket's default encryption means for a share: only for shares that read or write
 * objects, and only the key policy of a customer managed key in the bucket's own account. Public
 * because the audit reads the same way.
 */
public final class DefaultKeyReader {

  private static final Set<String> OBJECT_CONTENT =
      Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject");
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
  private static final Pattern MANAGED_ALIAS =
      Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:)?alias/aws/s3");

  private DefaultKeyReader() {}

  /** Whether the share reads or writes object content, which S3 decrypts or encrypts with KMS. */
  static boolean needsKey(ShareIntent intent) {
    return Grants.actionsOf(intent.access(), intent.extraActions()).stream()
        .anyMatch(OBJECT_CONTENT::contains);
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
    if (found.isEmpty() || !found.get().usesKms()) {
      return ShareDocuments.NO_KEY;
    }
    Optional<String> keyId = found.get().kmsKeyId();
    if (keyId.isEmpty() || MANAGED_ALIAS.matcher(keyId.get()).matches()) {
      return new ShareDocuments.AwsManagedKey("aws/s3");
    }
    String id = keyId.get();
    String keyArn;
    Matcher arn = KEY_ARN.matcher(id);
    if (arn.matches()) {
      if (!arn.group(2).equals(ownerAccountId)) {
        return new ShareDocuments.UnreadableKey(
            ShareDocuments.Cause.OTHER_ACCOUNT,
            id,
            "The bucket's default KMS key "
                + id
                + " is in another account, whose key policy the operator cannot read: make sure"
                + " it allows each consumer kms:Decrypt and kms:GenerateDataKey");
      }
      keyArn = id;
    } else if (id.contains("alias/")) {
      return new ShareDocuments.UnreadableKey(
          ShareDocuments.Cause.ALIAS,
          id,
          "The bucket names its default KMS key by the alias "
              + id
              + ", which the operator does not resolve: name the key by its ARN in the bucket's"
              + " default encryption");
    } else {
      keyArn =
          "arn:"
              + Regions.partition(region).orElse("aws")
              + ":kms:"
              + region
              + ":"
              + ownerAccountId
              + ":key/"
              + id;
    }
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
