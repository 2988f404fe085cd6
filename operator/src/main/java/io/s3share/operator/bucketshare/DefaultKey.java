package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.aws.Regions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which KMS key a bucket's default encryption names, resolved to an ARN where it can be; pure.
 * Shared by the share's key-policy check and the role's kms: statements, so both read a bucket's
 * encryption the same way.
 */
public sealed interface DefaultKey {

  /** No SSE-KMS default: S3 encrypts with its own keys, and no KMS permission is involved. */
  record None() implements DefaultKey {}

  /** The AWS managed key {@code aws/s3}, named or implied. */
  record AwsManaged() implements DefaultKey {}

  /** A key named by ARN or id, in the bucket's own account. */
  record InAccount(String keyArn) implements DefaultKey {}

  /** A key named by ARN in another account, whose policy is not the operator's to read or edit. */
  record OtherAccount(String keyArn, String accountId) implements DefaultKey {}

  /** A key named by an alias other than {@code aws/s3}, which is not resolved. */
  record Alias(String alias) implements DefaultKey {}

  DefaultKey NONE = new None();

  /**
   * @param encryption the bucket's default encryption, empty when S3 reports none
   * @param ownerAccountId the bucket's account: a bare key id is a key of that account
   * @param region the bucket's Region: a bare key id is a key of that Region
   */
  static DefaultKey of(
      Optional<BucketEncryptionPort.DefaultEncryption> encryption,
      String ownerAccountId,
      String region) {
    if (encryption.isEmpty() || !encryption.get().usesKms()) {
      return NONE;
    }
    Optional<String> keyId = encryption.get().kmsKeyId();
    if (keyId.isEmpty() || Names.MANAGED_ALIAS.matcher(keyId.get()).matches()) {
      return new AwsManaged();
    }
    String id = keyId.get();
    Matcher arn = Names.KEY_ARN.matcher(id);
    if (arn.matches()) {
      return arn.group(2).equals(ownerAccountId)
          ? new InAccount(id)
          : new OtherAccount(id, arn.group(2));
    }
    if (id.contains("alias/")) {
      return new Alias(id);
    }
    return new InAccount(
        "arn:"
            + Regions.partition(region).orElse("aws")
            + ":kms:"
            + region
            + ":"
            + ownerAccountId
            + ":key/"
            + id);
  }

  /** The patterns, kept out of the interface's public constants. */
  final class Names {
    static final Pattern KEY_ARN =
        Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
    static final Pattern MANAGED_ALIAS =
        Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:)?alias/aws/s3");

    private Names() {}
  }
}
