package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A bucket's server access logging. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessLoggingStatus {

  @JsonPropertyDescription("Whether server access logging is on.")
  private Boolean enabled;

  @JsonPropertyDescription("The bucket the logs go to.")
  private String targetBucket;

  @JsonPropertyDescription("The key prefix of the logs.")
  private String targetPrefix;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getTargetBucket() {
    return targetBucket;
  }

  public void setTargetBucket(String targetBucket) {
    this.targetBucket = targetBucket;
  }

  public String getTargetPrefix() {
    return targetPrefix;
  }

  public void setTargetPrefix(String targetPrefix) {
    this.targetPrefix = targetPrefix;
  }
}
