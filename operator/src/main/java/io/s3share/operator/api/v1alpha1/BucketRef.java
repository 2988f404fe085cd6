package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The shared bucket and the account that owns it. */
public class BucketRef {

  @Required
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$') && !self.contains('..')",
      message =
          "bucket.name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and"
              + " hyphens, starting and ending with a letter or digit")
  @JsonPropertyDescription("Name of the S3 bucket to share.")
  private String name;

  @Required
  @Size(max = 253)
  @ValidationRule(
      value = "self.matches('^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$')",
      message = "bucket.accountRef must be the name of an AwsAccount resource")
  @JsonPropertyDescription(
      "Name of the AwsAccount (cluster-scoped) that owns the bucket and tells the operator how"
          + " to reach it.")
  private String accountRef;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAccountRef() {
    return accountRef;
  }

  public void setAccountRef(String accountRef) {
    this.accountRef = accountRef;
  }
}
