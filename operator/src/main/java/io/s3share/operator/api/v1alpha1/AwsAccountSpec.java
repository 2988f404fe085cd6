package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired connection to one AWS account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.assumeRole) || self.assumeRole.roleArn.split(':')[4] == self.accountId",
    message =
        "assumeRole.roleArn must be a role in accountId: the operator assumes a role in the"
            + " account it manages")
public class AwsAccountSpec {

  @Required
  @Size(max = 12)
  @ValidationRule(
      value = "self.matches('^[0-9]{12}$')",
      message = "accountId must be exactly 12 digits, e.g. 111122223333")
  @JsonPropertyDescription("The 12-digit AWS account id, e.g. 111122223333.")
  private String accountId;

  @Required
  @Pattern("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$")
  @JsonPropertyDescription("The AWS Region of the account's buckets, e.g. eu-west-1.")
  private String region;

  @JsonPropertyDescription(
      "Accept a spec.region that the operator's AWS SDK does not know, e.g. a Region newer than"
          + " the operator. Default false: an unknown Region is reported as Stalled"
          + " UnknownRegion, so that a typo is not taken for a Region.")
  private Boolean allowUnknownRegion;

  @JsonPropertyDescription(
      "A role in this account that the operator assumes, starting from its own credentials"
          + " (IRSA or EKS Pod Identity). Omit to use the operator's credentials directly.")
  private AssumeRoleSpec assumeRole;

  @JsonPropertyDescription(
      "Endpoint overrides, for AWS emulators or private endpoints. Leave empty for AWS.")
  private EndpointsSpec endpoints;

  public String getAccountId() {
    return accountId;
  }

  public void setAccountId(String accountId) {
    this.accountId = accountId;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getAllowUnknownRegion() {
    return allowUnknownRegion;
  }

  public void setAllowUnknownRegion(Boolean allowUnknownRegion) {
    this.allowUnknownRegion = allowUnknownRegion;
  }

  public AssumeRoleSpec getAssumeRole() {
    return assumeRole;
  }

  public void setAssumeRole(AssumeRoleSpec assumeRole) {
    this.assumeRole = assumeRole;
  }

  public EndpointsSpec getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(EndpointsSpec endpoints) {
    this.endpoints = endpoints;
  }
}
