package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;

/** Observed posture of a {@link SharedBucket}'s bucket and how far its ACL migration got. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsMapList.class, input = "conditions")
public class SharedBucketStatus extends ConditionedStatus {

  @JsonPropertyDescription("The bucket's Object Ownership as read; None when it has no setting.")
  private String objectOwnership;

  @JsonPropertyDescription(
      "The ACL migration's step: NotRequested, GrantsTranslated, AclPrivate or Enforced; or"
          + " Blocked while a grant cannot be translated.")
  private String aclMigration;

  @JsonPropertyDescription("The grants the bucket ACL had, and what replaced each.")
  private List<AclGrantMigration> aclGrants;

  @JsonPropertyDescription(
      "Sids of bucket-policy statements with s3:x-amz-acl or s3:x-amz-grant-* conditions: once"
          + " ACLs are off, only bucket-owner-full-control or no ACL is accepted on uploads.")
  private List<String> aclConditionStatements;

  @JsonPropertyDescription("The bucket-level Block Public Access settings as read.")
  private PublicAccessBlockStatus blockPublicAccess;

  @JsonPropertyDescription("Where server access logs go, as read; absent when logging is off.")
  private AccessLoggingStatus accessLogging;

  @JsonPropertyDescription(
      "The bucket whose policy holds this resource's log-delivery statement, if any.")
  private String logDeliveryStatementBucket;

  @JsonPropertyDescription("Sids of the bucket-policy statements this resource owns.")
  private List<String> statementIds;

  public String getObjectOwnership() {
    return objectOwnership;
  }

  public void setObjectOwnership(String objectOwnership) {
    this.objectOwnership = objectOwnership;
  }

  public String getAclMigration() {
    return aclMigration;
  }

  public void setAclMigration(String aclMigration) {
    this.aclMigration = aclMigration;
  }

  public List<AclGrantMigration> getAclGrants() {
    return aclGrants;
  }

  public void setAclGrants(List<AclGrantMigration> aclGrants) {
    this.aclGrants = aclGrants;
  }

  public List<String> getAclConditionStatements() {
    return aclConditionStatements;
  }

  public void setAclConditionStatements(List<String> aclConditionStatements) {
    this.aclConditionStatements = aclConditionStatements;
  }

  public PublicAccessBlockStatus getBlockPublicAccess() {
    return blockPublicAccess;
  }

  public void setBlockPublicAccess(PublicAccessBlockStatus blockPublicAccess) {
    this.blockPublicAccess = blockPublicAccess;
  }

  public AccessLoggingStatus getAccessLogging() {
    return accessLogging;
  }

  public void setAccessLogging(AccessLoggingStatus accessLogging) {
    this.accessLogging = accessLogging;
  }

  public String getLogDeliveryStatementBucket() {
    return logDeliveryStatementBucket;
  }

  public void setLogDeliveryStatementBucket(String logDeliveryStatementBucket) {
    this.logDeliveryStatementBucket = logDeliveryStatementBucket;
  }

  public List<String> getStatementIds() {
    return statementIds;
  }

  public void setStatementIds(List<String> statementIds) {
    this.statementIds = statementIds;
  }
}
