package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The posture of the bucket of one CrossAccountRole grant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoleGrantStatus {

  @JsonPropertyDescription("The granted bucket.")
  private String bucket;

  @JsonPropertyDescription("The bucket's posture and findings for this grant.")
  private PostureStatus posture;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public PostureStatus getPosture() {
    return posture;
  }

  public void setPosture(PostureStatus posture) {
    this.posture = posture;
  }
}
