package io.s3share.operator.aws;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The IAM action that authorises an SDK operation, for comparing recorded calls with a policy. */
final class IamActions {

  /**
   * Operations whose IAM action has another name. Most are named alike ({@code iam:GetRole} for
   * {@code GetRole}); S3 has the exceptions, listed in the Service Authorization Reference.
   */
  private static final Map<String, String> RENAMED =
      Map.of(
          "s3:ListBuckets", "s3:ListAllMyBuckets",
          "s3:HeadBucket", "s3:ListBucket",
          "s3:ListObjectsV2", "s3:ListBucket",
          "s3:GetBucketEncryption", "s3:GetEncryptionConfiguration",
          "s3:PutBucketEncryption", "s3:PutEncryptionConfiguration",
          "s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock",
          "s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
          "s3:DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock",
          "s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls");

  /**
   * Made by the operator's base identity, not by the role it assumes in each account, whose
   * permissions the policy lists: AssumeRole is granted to the base role (docs/install.md), and
   * GetCallerIdentity is answered for every identity whatever its policies say.
   */
  static final Set<String> BASE_IDENTITY = Set.of("sts:AssumeRole", "sts:GetCallerIdentity");

  /**
   * Actions an operation needs besides its own: creating an access point with tags also needs
   * s3:TagResource, though no TagResource request is sent.
   */
  private static final Map<String, String> IMPLIED =
      Map.of("s3:CreateAccessPoint", "s3:TagResource");

  private IamActions() {}

  /** The action an operation also needs, when it needs one; see {@link #IMPLIED}. */
  static java.util.Optional<String> impliedBy(String action) {
    return java.util.Optional.ofNullable(IMPLIED.get(action));
  }

  /**
   * @param recorded {@code Service:Operation} as the SDK names them, e.g. {@code Iam:GetRole}
   */
  static String of(String recorded) {
    if (recorded.equalsIgnoreCase("S3Control:GetPublicAccessBlock")) {
      // The account-level settings, which S3 Control reads, have an action of their own.
      return "s3:GetAccountPublicAccessBlock";
    }
    int colon = recorded.indexOf(':');
    String service = recorded.substring(0, colon).toLowerCase(Locale.ROOT);
    // S3 Control operations are authorised as s3: actions.
    String prefix = service.equals("s3control") ? "s3" : service;
    String action = prefix + ":" + recorded.substring(colon + 1);
    return RENAMED.getOrDefault(action, action);
  }
}
