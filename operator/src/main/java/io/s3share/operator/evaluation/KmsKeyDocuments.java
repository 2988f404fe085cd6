package io.s3share.operator.evaluation;

import java.util.regex.Pattern;

/**
 * The KMS key that encrypts the objects a request reads or writes (SSE-KMS), and its key policy.
 */
public record KmsKeyDocuments(String keyArn, PolicyDocument policy) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+");

  public KmsKeyDocuments {
    // Checked here: the account and region are cut out of the ARN later.
    if (keyArn == null || !ARN.matcher(keyArn).matches()) {
      throw new IllegalArgumentException(
          "KMS key '" + keyArn + "' must be an ARN like arn:aws:kms:<region>:<account>:key/<id>");
    }
  }

  public static KmsKeyDocuments parse(String keyArn, String policyJson) {
    return new KmsKeyDocuments(keyArn, PolicyDocument.parse("key-policy", policyJson));
  }

  String accountId() {
    return keyArn.split(":", 6)[4];
  }

  /** The key's Region, which names the S3 endpoint in {@code kms:ViaService}. */
  public String region() {
    return keyArn.split(":", 6)[3];
  }
}
