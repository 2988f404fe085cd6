package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The four bucket-level Block Public Access settings as read from S3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlockPublicAccessStatus {

  private Boolean blockPublicAcls;
  private Boolean ignorePublicAcls;
  private Boolean blockPublicPolicy;
  private Boolean restrictPublicBuckets;

  public Boolean getBlockPublicAcls() {
    return blockPublicAcls;
  }

  public void setBlockPublicAcls(Boolean blockPublicAcls) {
    this.blockPublicAcls = blockPublicAcls;
  }

  public Boolean getIgnorePublicAcls() {
    return ignorePublicAcls;
  }

  public void setIgnorePublicAcls(Boolean ignorePublicAcls) {
    this.ignorePublicAcls = ignorePublicAcls;
  }

  public Boolean getBlockPublicPolicy() {
    return blockPublicPolicy;
  }

  public void setBlockPublicPolicy(Boolean blockPublicPolicy) {
    this.blockPublicPolicy = blockPublicPolicy;
  }

  public Boolean getRestrictPublicBuckets() {
    return restrictPublicBuckets;
  }

  public void setRestrictPublicBuckets(Boolean restrictPublicBuckets) {
    this.restrictPublicBuckets = restrictPublicBuckets;
  }
}
