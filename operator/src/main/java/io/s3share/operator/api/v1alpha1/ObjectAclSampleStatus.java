package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a bounded look at object ACLs found; the operator never scans a whole bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectAclSampleStatus {

  @JsonPropertyDescription(
      "The prefixes listed, one page each; an empty string is the bucket root.")
  private java.util.List<String> prefixes;

  @JsonPropertyDescription("How many objects' ACLs were read.")
  private Integer sampled;

  @JsonPropertyDescription("The most objects one read samples (S3SHARE_OBJECT_ACL_SAMPLE_LIMIT).")
  private Integer limit;

  @JsonPropertyDescription("Why nothing was sampled, when nothing was.")
  private String skipped;

  @JsonPropertyDescription("Grants on sampled objects to other accounts or to everyone.")
  private java.util.List<AclGrantStatus> grants;

  public java.util.List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(java.util.List<String> prefixes) {
    this.prefixes = prefixes;
  }

  public Integer getSampled() {
    return sampled;
  }

  public void setSampled(Integer sampled) {
    this.sampled = sampled;
  }

  public Integer getLimit() {
    return limit;
  }

  public void setLimit(Integer limit) {
    this.limit = limit;
  }

  public String getSkipped() {
    return skipped;
  }

  public void setSkipped(String skipped) {
    this.skipped = skipped;
  }

  public java.util.List<AclGrantStatus> getGrants() {
    return grants;
  }

  public void setGrants(java.util.List<AclGrantStatus> grants) {
    this.grants = grants;
  }
}
