package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The role the operator assumes to act in an account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.externalIdSecretRef) || has(self.externalIdSecretRef.__namespace__)",
    message = "assumeRole.externalIdSecretRef.namespace is required: AwsAccount is cluster-scoped")
public class AssumeRoleSpec {

  @Required
  @Size(max = 2048)
  @ValidationRule(
      value = RoleArns.RULE,
      message =
          "roleArn must look like arn:aws:iam::111122223333:role/name, in "
              + RoleArns.PARTITIONS_TEXT)
  @JsonPropertyDescription(
      "ARN of the role to assume, e.g. arn:aws:iam::111122223333:role/s3share.")
  private String roleArn;

  @JsonPropertyDescription(
      "Secret key holding the ExternalId that the role's trust policy requires, if any.")
  private SecretKeyRef externalIdSecretRef;

  @Size(max = 64)
  @ValidationRule(
      value = "self.matches('^[A-Za-z0-9+=,.@_-]{2,64}$')",
      message = "sessionName must be 2-64 characters of letters, digits and +=,.@_-")
  @JsonPropertyDescription("Role session name shown in CloudTrail; defaults to s3-share-operator.")
  private String sessionName;

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public SecretKeyRef getExternalIdSecretRef() {
    return externalIdSecretRef;
  }

  public void setExternalIdSecretRef(SecretKeyRef externalIdSecretRef) {
    this.externalIdSecretRef = externalIdSecretRef;
  }

  public String getSessionName() {
    return sessionName;
  }

  public void setSessionName(String sessionName) {
    this.sessionName = sessionName;
  }
}
