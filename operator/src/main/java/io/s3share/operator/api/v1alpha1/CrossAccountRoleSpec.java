package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Desired IAM role: who may assume it, on which conditions, and what it may do in S3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "has(self.externalId) && (has(self.externalId.secretRef)"
            + " || (has(self.externalId.generate) && self.externalId.generate)"
            + " || (has(self.externalId.required) && !self.externalId.required))",
    message =
        "externalId is required: set externalId.generate: true (or externalId.secretRef) so that"
            + " only callers presenting the ExternalId can assume the role (confused-deputy"
            + " protection). Roles trusted only through organizationId may instead set"
            + " externalId.required: false")
@ValidationRule(
    value =
        "!(has(self.externalId) && has(self.externalId.required) && !self.externalId.required)"
            + " || self.trustedPrincipals.all(p, has(p.organizationId))",
    message =
        "externalId.required: false is allowed only when every trusted principal is an"
            + " organizationId: an accountId or roleArn is another party and needs an ExternalId")
@ValidationRule(
    value =
        "has(self.roleName) == has(oldSelf.roleName)"
            + " && (!has(self.roleName) || self.roleName == oldSelf.roleName)",
    message =
        "roleName is immutable: create a new CrossAccountRole to get a role with another name")
public class CrossAccountRoleSpec {

  @Size(max = 64)
  @ValidationRule(
      value = "self.matches('^[A-Za-z0-9_+=,.@-]{1,64}$')",
      message = "roleName must be 1-64 letters, digits and _+=,.@- (IAM's rule for role names)")
  @JsonPropertyDescription(
      "Name of the IAM role. Defaults to s3share-<namespace>-<name>, shortened with a hash"
          + " when longer than IAM's 64 characters. Immutable. The operator never adopts an"
          + " existing role it did not create.")
  private String roleName;

  @Required
  @Size(max = 253)
  @ValidationRule(
      value = "self.matches('^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$')",
      message = "accountRef must be the name of an AwsAccount resource")
  @ValidationRule(
      value = "self == oldSelf",
      message = "accountRef is immutable: create a new CrossAccountRole for another account")
  @JsonPropertyDescription(
      "Name of the AwsAccount (cluster-scoped) the role is created in: the account that owns"
          + " the buckets in grants.")
  private String accountRef;

  @Required
  @Size(min = 1, max = 20)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q == p))",
      message = "trustedPrincipals must not repeat: list each account, role or organization once")
  @JsonPropertyDescription(
      "Who may assume the role (sts:AssumeRole). Each entry is exactly one of accountId,"
          + " roleArn or organizationId; wildcards are never accepted.")
  private List<TrustedPrincipal> trustedPrincipals = new ArrayList<>();

  @JsonPropertyDescription(
      "The ExternalId callers must present (sts:ExternalId). Required whenever an accountId"
          + " or roleArn is trusted; give either generate: true or a secretRef.")
  private ExternalIdSpec externalId;

  @Default("3600")
  @ValidationRule(
      value = "self >= 3600 && self <= 43200",
      message = "maxSessionDuration must be between 3600 and 43200 seconds (1 to 12 hours)")
  @JsonPropertyDescription(
      "Longest session, in seconds, that AssumeRole may ask for: 3600 (default) to 43200.")
  private Integer maxSessionDuration = 3600;

  @Size(max = 2048)
  @ValidationRule(
      value = "self.matches('^arn:aws:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]{1,512}$')",
      message =
          "permissionsBoundaryArn must be a managed policy ARN, e.g."
              + " arn:aws:iam::111122223333:policy/boundary")
  @JsonPropertyDescription(
      "Managed policy that bounds the role's permissions. When the operator is configured"
          + " with a default boundary, the role always gets it and this field may only repeat"
          + " it.")
  private String permissionsBoundaryArn;

  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription(
      "S3 access the role grants, written into one inline policy (s3share-grants). Every"
          + " other inline policy on the role is removed.")
  private List<RoleGrant> grants = new ArrayList<>();

  @Size(max = 40)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('s3share.io/') && !k.startsWith('aws:'))",
      message =
          "tags must not use the reserved key prefixes s3share.io/ (the operator's ownership"
              + " tags) or aws:")
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9 _.:/=+@-]{1,128}$'))",
      message = "tag keys must be 1-128 letters, digits, spaces and _.:/=+@-")
  @ValidationRule(
      value = "self.all(k, self[k].matches('^[A-Za-z0-9 _.:/=+@-]*$'))",
      message = "tag values must be letters, digits, spaces and _.:/=+@-")
  @JsonPropertyDescription(
      "Tags for the role. The operator adds its own s3share.io/managed-by and s3share.io/owner"
          + " tags and removes any other tag set out of band.")
  private Map<String, @Size(max = 256) String> tags;

  @Default("Delete")
  @JsonPropertyDescription(
      "Delete (default) deletes the role and its inline policies when this resource is"
          + " deleted. Retain keeps the role as it is and removes only the operator's ownership"
          + " tags, handing the role over: no CrossAccountRole will adopt it afterwards.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  // An OffsetDateTime, so that the CRD says format: date-time and the API server refuses anything
  // else with a message naming the field and the format.
  @JsonPropertyDescription(Expiry.EXPIRES_AT_DESCRIPTION)
  private OffsetDateTime expiresAt;

  public String getRoleName() {
    return roleName;
  }

  public void setRoleName(String roleName) {
    this.roleName = roleName;
  }

  public String getAccountRef() {
    return accountRef;
  }

  public void setAccountRef(String accountRef) {
    this.accountRef = accountRef;
  }

  public List<TrustedPrincipal> getTrustedPrincipals() {
    return trustedPrincipals;
  }

  public void setTrustedPrincipals(List<TrustedPrincipal> trustedPrincipals) {
    this.trustedPrincipals = trustedPrincipals;
  }

  public ExternalIdSpec getExternalId() {
    return externalId;
  }

  public void setExternalId(ExternalIdSpec externalId) {
    this.externalId = externalId;
  }

  public Integer getMaxSessionDuration() {
    return maxSessionDuration;
  }

  public void setMaxSessionDuration(Integer maxSessionDuration) {
    this.maxSessionDuration = maxSessionDuration;
  }

  public String getPermissionsBoundaryArn() {
    return permissionsBoundaryArn;
  }

  public void setPermissionsBoundaryArn(String permissionsBoundaryArn) {
    this.permissionsBoundaryArn = permissionsBoundaryArn;
  }

  public List<RoleGrant> getGrants() {
    return grants;
  }

  public void setGrants(List<RoleGrant> grants) {
    this.grants = grants;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public OffsetDateTime getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(OffsetDateTime expiresAt) {
    this.expiresAt = expiresAt;
  }
}
