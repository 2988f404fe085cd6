package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One problem of a bucket's posture and what to do about it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostureFindingStatus {

  @JsonPropertyDescription("CamelCase kind of the finding, e.g. AclsEnabled.")
  private String reason;

  @JsonPropertyDescription("Blocking (stops the share from working) or BestPractice.")
  private String severity;

  @JsonPropertyDescription("What is wrong and what to do.")
  private String message;

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getSeverity() {
    return severity;
  }

  public void setSeverity(String severity) {
    this.severity = severity;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
