package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a bucket's server access logs go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessLoggingSpec {

  @Required
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$') && !self.contains('..')",
      message =
          "accessLogging.targetBucket must be a valid S3 bucket name in the same account and"
              + " Region as the bucket")
  @JsonPropertyDescription(
      "The bucket that receives the logs: same account and Region as the logged bucket. The"
          + " operator adds a statement for logging.s3.amazonaws.com to its policy.")
  private String targetBucket;

  @Size(max = 512)
  @ValidationRule(
      value = "!self.startsWith('/') && !self.contains('*')",
      message = "accessLogging.targetPrefix is a literal key prefix such as logs/app/: no *, no /")
  @JsonPropertyDescription("Key prefix of the log objects, e.g. logs/my-bucket/. Empty: none.")
  private String targetPrefix = "";

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
