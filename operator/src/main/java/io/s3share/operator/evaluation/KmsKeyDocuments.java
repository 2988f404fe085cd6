package io.s3share.operator.evaluation;

/**
 * The KMS key that encrypts the objects a request reads or writes (SSE-KMS), and its key policy.
 */
public record KmsKeyDocuments(String keyArn, PolicyDocument policy) {

  public static KmsKeyDocuments parse(String keyArn, String policyJson) {
    return new KmsKeyDocuments(keyArn, PolicyDocument.parse("key-policy", policyJson));
  }

  String accountId() {
    return keyArn.split(":", 6)[4];
  }

  String region() {
    return keyArn.split(":", 6)[3];
  }
}
