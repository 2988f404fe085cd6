package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** The share's statements in the KMS key policy of its bucket's default encryption key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyPolicyStatus {

  @JsonPropertyDescription("ARN of the bucket's default KMS key.")
  private String keyArn;

  @JsonPropertyDescription("Manage or Report, as the SharingPolicy covering the bucket decides.")
  private KeyPolicyManagement management;

  @JsonPropertyDescription(
      "Sids of the key-policy statements that carry this share's consumers; a statement may also"
          + " carry other shares' consumers when their grants are identical.")
  private List<String> statementIds;

  @JsonPropertyDescription(
      "Why the operator leaves this key's policy alone, e.g. a key in another account.")
  private String message;

  public String getKeyArn() {
    return keyArn;
  }

  public void setKeyArn(String keyArn) {
    this.keyArn = keyArn;
  }

  public KeyPolicyManagement getManagement() {
    return management;
  }

  public void setManagement(KeyPolicyManagement management) {
    this.management = management;
  }

  public List<String> getStatementIds() {
    return statementIds;
  }

  public void setStatementIds(List<String> statementIds) {
    this.statementIds = statementIds;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPolicyStatus other
        && Objects.equals(keyArn, other.keyArn)
        && Objects.equals(management, other.management)
        && Objects.equals(statementIds, other.statementIds)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyArn, management, statementIds, message);
  }
}
