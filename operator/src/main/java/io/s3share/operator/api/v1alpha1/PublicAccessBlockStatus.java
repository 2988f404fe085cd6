package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Block Public Access settings of a bucket or an account; an absent setting is off. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublicAccessBlockStatus {

  @JsonPropertyDescription("Whether S3 refuses requests that set a public ACL.")
  private Boolean blockPublicAcls;

  @JsonPropertyDescription("Whether S3 ignores public ACLs.")
  private Boolean ignorePublicAcls;

  @JsonPropertyDescription("Whether S3 refuses a bucket policy that is public.")
  private Boolean blockPublicPolicy;

  @JsonPropertyDescription(
      "Whether only AWS services and the owner account reach a bucket with a public policy.")
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
