package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An ACL grant to another account or to everyone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AclGrantStatus {

  @JsonPropertyDescription("The object key, for a grant in an object ACL.")
  private String key;

  @JsonPropertyDescription(
      "Canonical user id or e-mail of another account, or AllUsers / AuthenticatedUsers.")
  private String grantee;

  @JsonPropertyDescription("READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL.")
  private String permission;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
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
}
