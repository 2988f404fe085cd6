package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Who may assume a CrossAccountRole: exactly one of an account, a role, or an organization. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "[has(self.accountId), has(self.roleArn), has(self.organizationId)]"
            + ".filter(x, x).size() == 1",
    message = "each trusted principal sets exactly one of accountId, roleArn or organizationId")
public class TrustedPrincipal {

  @Size(max = 12)
  @ValidationRule(
      value = "self.matches('^[0-9]{12}$')",
      message =
          "trusted principal accountId must be exactly 12 digits, e.g. 222233334444; wildcards"
              + " are never accepted")
  @JsonPropertyDescription(
      "A 12-digit AWS account id. The account's own IAM policies then decide which of its"
          + " principals may assume the role.")
  private String accountId;

  @Size(max = 2048)
  @ValidationRule(
      value = "!self.contains('*') && !self.contains('?')",
      message = "trusted principal roleArn must not contain wildcards: name one role")
  @ValidationRule(
      value = RoleArns.RULE,
      message =
          "trusted principal roleArn must look like arn:aws:iam::222233334444:role/name, in "
              + RoleArns.PARTITIONS_TEXT)
  @JsonPropertyDescription(
      "An IAM role ARN, e.g. arn:aws:iam::222233334444:role/reader. A role that was created"
          + " moments ago may be rejected by IAM for a few minutes (status reason"
          + " WaitingForIAMPropagation).")
  private String roleArn;

  @Size(max = 34)
  @ValidationRule(
      value = "self.matches('^o-[a-z0-9]{10,32}$')",
      message =
          "trusted principal organizationId must look like o-abcd123456 (o- and 10-32"
              + " letters/digits)")
  @JsonPropertyDescription(
      "An AWS Organizations id: any principal of the organization may assume the role"
          + " (Principal AWS:* narrowed by aws:PrincipalOrgID).")
  private String organizationId;

  public TrustedPrincipal() {}

  public static TrustedPrincipal account(String accountId) {
    TrustedPrincipal principal = new TrustedPrincipal();
    principal.setAccountId(accountId);
    return principal;
  }

  public static TrustedPrincipal role(String roleArn) {
    TrustedPrincipal principal = new TrustedPrincipal();
    principal.setRoleArn(roleArn);
    return principal;
  }

  public static TrustedPrincipal organization(String organizationId) {
    TrustedPrincipal principal = new TrustedPrincipal();
    principal.setOrganizationId(organizationId);
    return principal;
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
