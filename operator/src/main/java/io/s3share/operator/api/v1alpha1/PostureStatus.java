package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The read-only posture of a bucket, as the operator last read it, with its findings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostureStatus {

  @JsonPropertyDescription(
      "BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter, or NotSet (ACLs enabled on an old bucket).")
  private String objectOwnership;

  @JsonPropertyDescription("The bucket's Block Public Access settings.")
  private PublicAccessBlockStatus bucketBlockPublicAccess;

  @JsonPropertyDescription("The owner account's Block Public Access settings.")
  private PublicAccessBlockStatus accountBlockPublicAccess;

  @JsonPropertyDescription("Grants of the bucket ACL to other accounts or to everyone.")
  private java.util.List<AclGrantStatus> bucketAclGrants;

  @JsonPropertyDescription(
      "Bucket-policy statements (Sid, or #position) that test s3:x-amz-acl or s3:x-amz-grant-*.")
  private java.util.List<String> aclConditionStatements;

  @JsonPropertyDescription("The bucket's default encryption.")
  private EncryptionStatus encryption;

  @JsonPropertyDescription("The bucket's server access logging.")
  private AccessLoggingStatus accessLogging;

  @JsonPropertyDescription("What a bounded sample of object ACLs under the shared prefixes found.")
  private ObjectAclSampleStatus objectAcls;

  @JsonPropertyDescription("Whether CloudTrail records S3 data events for the bucket.")
  private DataEventsStatus dataEvents;

  @JsonPropertyDescription(
      "IAM actions the operator lacks to read part of the posture; those fields are absent.")
  private java.util.List<String> unreadable;

  @JsonPropertyDescription("Problems found, Blocking first, then by reason: each says what to do.")
  private java.util.List<PostureFindingStatus> findings;

  public String getObjectOwnership() {
    return objectOwnership;
  }

  public void setObjectOwnership(String objectOwnership) {
    this.objectOwnership = objectOwnership;
  }

  public PublicAccessBlockStatus getBucketBlockPublicAccess() {
    return bucketBlockPublicAccess;
  }

  public void setBucketBlockPublicAccess(PublicAccessBlockStatus bucketBlockPublicAccess) {
    this.bucketBlockPublicAccess = bucketBlockPublicAccess;
  }

  public PublicAccessBlockStatus getAccountBlockPublicAccess() {
    return accountBlockPublicAccess;
  }

  public void setAccountBlockPublicAccess(PublicAccessBlockStatus accountBlockPublicAccess) {
    this.accountBlockPublicAccess = accountBlockPublicAccess;
  }

  public java.util.List<AclGrantStatus> getBucketAclGrants() {
    return bucketAclGrants;
  }

  public void setBucketAclGrants(java.util.List<AclGrantStatus> bucketAclGrants) {
    this.bucketAclGrants = bucketAclGrants;
  }

  public java.util.List<String> getAclConditionStatements() {
    return aclConditionStatements;
  }

  public void setAclConditionStatements(java.util.List<String> aclConditionStatements) {
    this.aclConditionStatements = aclConditionStatements;
  }

  public EncryptionStatus getEncryption() {
    return encryption;
  }

  public void setEncryption(EncryptionStatus encryption) {
    this.encryption = encryption;
  }

  public AccessLoggingStatus getAccessLogging() {
    return accessLogging;
  }

  public void setAccessLogging(AccessLoggingStatus accessLogging) {
    this.accessLogging = accessLogging;
  }

  public ObjectAclSampleStatus getObjectAcls() {
    return objectAcls;
  }

  public void setObjectAcls(ObjectAclSampleStatus objectAcls) {
    this.objectAcls = objectAcls;
  }

  public DataEventsStatus getDataEvents() {
    return dataEvents;
  }

  public void setDataEvents(DataEventsStatus dataEvents) {
    this.dataEvents = dataEvents;
  }

  public java.util.List<String> getUnreadable() {
    return unreadable;
  }

  public void setUnreadable(java.util.List<String> unreadable) {
    this.unreadable = unreadable;
  }

  public java.util.List<PostureFindingStatus> getFindings() {
    return findings;
  }

  public void setFindings(java.util.List<PostureFindingStatus> findings) {
    this.findings = findings;
  }
}
