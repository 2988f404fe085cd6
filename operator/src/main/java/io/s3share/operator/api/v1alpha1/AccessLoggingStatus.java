package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a bucket's server access logs go, as read from S3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessLoggingStatus {

  private String targetBucket;
  private String targetPrefix;

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
