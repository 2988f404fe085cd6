package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** Observed state of a {@link CrossAccountRole}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsMapList.class, input = "conditions")
public class CrossAccountRoleStatus extends ConditionedStatus {

  @JsonPropertyDescription("Name of the IAM role this resource manages.")
  private String roleName;

  @JsonPropertyDescription("ARN of the role, for the trusted account's sts:AssumeRole calls.")
  private String roleArn;

  @JsonPropertyDescription(
      "The Secret key holding the ExternalId callers must present; the value is never shown"
          + " in status.")
  private SecretKeyRef externalIdSecretRef;

  @JsonPropertyDescription("Size of the trust policy and IAM's limit, in characters.")
  private PolicyCharsStatus trustPolicy;

  @JsonPropertyDescription("Size of the inline permissions policy and IAM's limit, in characters.")
  private PolicyCharsStatus inlinePolicy;

  @JsonPropertyDescription(
      "When IAM first rejected a principal as invalid during the current wait for IAM to"
          + " propagate a new role (RFC 3339); absent when not waiting. The wait is bounded.")
  private String iamPropagationWaitStarted;

  @JsonPropertyDescription(
      "The last value of the s3share.io/rotate-external-id annotation that rotated the generated"
          + " ExternalId; a different value rotates it once more.")
  private String externalIdRotation;

  @JsonPropertyDescription(
      "The read-only posture of each granted bucket, with its findings. Findings do not change"
          + " Ready.")
  private java.util.List<RoleGrantStatus> grants;

  public java.util.List<RoleGrantStatus> getGrants() {
    return grants;
  }

  public void setGrants(java.util.List<RoleGrantStatus> grants) {
    this.grants = grants;
  }

  public String getExternalIdRotation() {
    return externalIdRotation;
  }

  public void setExternalIdRotation(String externalIdRotation) {
    this.externalIdRotation = externalIdRotation;
  }

  public String getRoleName() {
    return roleName;
  }

  public void setRoleName(String roleName) {
    this.roleName = roleName;
  }

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

  public PolicyCharsStatus getTrustPolicy() {
    return trustPolicy;
  }

  public void setTrustPolicy(PolicyCharsStatus trustPolicy) {
    this.trustPolicy = trustPolicy;
  }

  public PolicyCharsStatus getInlinePolicy() {
    return inlinePolicy;
  }

  public void setInlinePolicy(PolicyCharsStatus inlinePolicy) {
    this.inlinePolicy = inlinePolicy;
  }

  public String getIamPropagationWaitStarted() {
    return iamPropagationWaitStarted;
  }

  public void setIamPropagationWaitStarted(String iamPropagationWaitStarted) {
    this.iamPropagationWaitStarted = iamPropagationWaitStarted;
  }
}
