package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of a {@link BucketShare}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketShareStatus extends ConditionedStatus {

  @JsonPropertyDescription(
      "Sids of the bucket-policy statements that carry this share's grants. A statement may"
          + " also carry other shares' principals when their grants are identical.")
  private List<String> statementIds;

  @JsonPropertyDescription("Size of the bucket's policy and its limit, in bytes.")
  private PolicySizeStatus bucketPolicy;

  public List<String> getStatementIds() {
    return statementIds;
  }

  public void setStatementIds(List<String> statementIds) {
    this.statementIds = statementIds;
  }

  public PolicySizeStatus getBucketPolicy() {
    return bucketPolicy;
  }

  public void setBucketPolicy(PolicySizeStatus bucketPolicy) {
    this.bucketPolicy = bucketPolicy;
  }
}
