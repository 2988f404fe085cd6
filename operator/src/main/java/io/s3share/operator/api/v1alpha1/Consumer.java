package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Who receives access: exactly one of an account, a role, or an AWS Organization. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "[has(self.accountId), has(self.roleArn), has(self.organizationId)]"
            + ".filter(x, x).size() == 1",
    message = "each consumer sets exactly one of accountId, roleArn or organizationId")
public class Consumer {

  @Size(max = 12)
  @ValidationRule(
      value = "self.matches('^[0-9]{12}$')",
      message = "consumer accountId must be exactly 12 digits, e.g. 222233334444")
  @JsonPropertyDescription("A 12-digit AWS account id; every principal in it may be granted.")
  private String accountId;

  @Size(max = 2048)
  @ValidationRule(
      value = "!self.contains('*') && !self.contains('?')",
      message = "consumer roleArn must not contain wildcards: name one role")
  @ValidationRule(
      value = RoleArns.RULE,
      message =
          "consumer roleArn must look like arn:aws:iam::222233334444:role/name, in "
              + RoleArns.PARTITIONS_TEXT)
  @JsonPropertyDescription(
      "An IAM role ARN in another account, e.g. arn:aws:iam::222233334444:role/reader.")
  private String roleArn;

  @Size(max = 34)
  @ValidationRule(
      value = "self.matches('^o-[a-z0-9]{10,32}$')",
      message = "consumer organizationId must look like o-abcd123456 (o- and 10-32 letters/digits)")
  @JsonPropertyDescription(
      "An AWS Organizations id; every principal in the organization may be granted"
          + " (aws:PrincipalOrgID).")
  private String organizationId;

  public Consumer() {}

  public static Consumer account(String accountId) {
    Consumer consumer = new Consumer();
    consumer.setAccountId(accountId);
    return consumer;
  }

  public static Consumer role(String roleArn) {
    Consumer consumer = new Consumer();
    consumer.setRoleArn(roleArn);
    return consumer;
  }

  public static Consumer organization(String organizationId) {
    Consumer consumer = new Consumer();
    consumer.setOrganizationId(organizationId);
    return consumer;
  }

  public String getAccountId() {
    return accountId;
  }

  public void setAccountId(String accountId) {
    this.accountId = accountId;
  }

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(String organizationId) {
    this.organizationId = organizationId;
  }
}
