package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A bucket's default encryption. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EncryptionStatus {

  @JsonPropertyDescription("AES256, aws:kms or aws:kms:dsse.")
  private String algorithm;

  @JsonPropertyDescription(
      "The KMS key the bucket names; absent with aws:kms means the AWS managed key aws/s3.")
  private String kmsKeyId;

  @JsonPropertyDescription("Whether S3 Bucket Keys are on.")
  private Boolean bucketKeyEnabled;

  public String getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }

  public Boolean getBucketKeyEnabled() {
    return bucketKeyEnabled;
  }

  public void setBucketKeyEnabled(Boolean bucketKeyEnabled) {
    this.bucketKeyEnabled = bucketKeyEnabled;
  }
}
