package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One grant found in a bucket ACL by a SharedBucket, and the bucket-policy statement that replaces
 * it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AclGrantMigration {

  @JsonPropertyDescription("CanonicalUser, Group or AmazonCustomerByEmail.")
  private String granteeType;

  @JsonPropertyDescription("The canonical user id, group URI or e-mail address.")
  private String grantee;

  @JsonPropertyDescription("READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL.")
  private String permission;

  @JsonPropertyDescription("The actions the replacing statement allows; empty when none.")
  private List<String> actions;

  @JsonPropertyDescription("Sid of the bucket-policy statement that replaces the grant.")
  private String statementId;

  @JsonPropertyDescription("Why the grant is not translated, or what became of it.")
  private String note;

  public String getGranteeType() {
    return granteeType;
  }

  public void setGranteeType(String granteeType) {
    this.granteeType = granteeType;
  }

  public String getGrantee() {
    return grantee;
  }

  public void setGrantee(String grantee) {
    this.grantee = grantee;
  }

  public String getPermission() {
    return permission;
  }

  public void setPermission(String permission) {
    this.permission = permission;
  }

  public List<String> getActions() {
    return actions;
  }

  public void setActions(List<String> actions) {
    this.actions = actions;
  }

  public String getStatementId() {
    return statementId;
  }

  public void setStatementId(String statementId) {
    this.statementId = statementId;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}
