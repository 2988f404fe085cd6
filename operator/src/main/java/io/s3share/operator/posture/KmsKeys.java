package io.s3share.operator.posture;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which kind of KMS key a bucket's default encryption names, for the findings. */
final class KmsKeys {

  /** The kinds that matter for sharing. */
  enum Kind {
    NONE,
    AWS_MANAGED,
    OWN_ACCOUNT,
    OTHER_ACCOUNT
  }

  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:(\\d{12}):(key|alias)/.+");
  private static final Pattern MANAGED_ALIAS =
      Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:)?alias/aws/s3");

  private KmsKeys() {}

  static Kind of(Encryption encryption, String ownerAccountId) {
    if (!encryption.usesKms()) {
      return Kind.NONE;
    }
    Optional<String> id = encryption.kmsKeyId();
    if (id.isEmpty() || MANAGED_ALIAS.matcher(id.get()).matches()) {
      return Kind.AWS_MANAGED;
    }
    Matcher arn = KEY_ARN.matcher(id.get());
    if (arn.matches() && !arn.group(1).equals(ownerAccountId)) {
      return Kind.OTHER_ACCOUNT;
    }
    return Kind.OWN_ACCOUNT;
  }
}
