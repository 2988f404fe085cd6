package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** Observed state of an {@link AwsAccount}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsMapList.class, input = "conditions")
public class AwsAccountStatus extends ConditionedStatus {

  @JsonPropertyDescription("ARN of the identity the operator acts as in this account.")
  private String callerArn;

  public String getCallerArn() {
    return callerArn;
  }

  public void setCallerArn(String callerArn) {
    this.callerArn = callerArn;
  }
}
