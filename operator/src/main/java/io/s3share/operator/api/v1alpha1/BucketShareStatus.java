package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;

/** Observed state of a {@link BucketShare}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsMapList.class, input = "conditions")
public class BucketShareStatus extends ConditionedStatus {

  @JsonPropertyDescription(
      "Sids of the statements that carry this share's grants: in the bucket policy, or in its"
          + " access point's policy. A bucket-policy statement may also carry other shares'"
          + " principals when their grants are identical.")
  private List<String> statementIds;

  @JsonPropertyDescription(
      "The method the share's grants are in: BucketPolicy or AccessPoint. For via: Auto it is"
          + " chosen once, at the first grant, and kept.")
  private ShareVia grantedVia;

  @JsonPropertyDescription("Why that method: the spec asked for it, or why Auto chose it.")
  private String grantedViaReason;

  @JsonPropertyDescription("The share's access point, when it is granted through one.")
  private AccessPointStatus accessPoint;

  @JsonPropertyDescription("Size of the access point's policy and its limit, in bytes.")
  private PolicySizeStatus accessPointPolicy;

  @JsonPropertyDescription(
      "The IAM identity-policy statement each consumer account must attach to its principals"
          + " to use the access point: a request through an access point needs the access point"
          + " policy, the bucket policy's delegation and the caller's own identity policy.")
  private String consumerPolicy;

  @JsonPropertyDescription(
      "What the policies read back from AWS let each consumer do, judged by the operator's"
          + " policy evaluator after each write and at each resync.")
  private EffectiveAccessStatus effectiveAccess;

  @JsonPropertyDescription(
      "The read-only posture of the share's bucket (Object Ownership, Block Public Access, ACL"
          + " grants, default encryption, access logging, CloudTrail data events) and its"
          + " findings. Findings do not change Ready.")
  private PostureStatus posture;

  public PostureStatus getPosture() {
    return posture;
  }

  public void setPosture(PostureStatus posture) {
    this.posture = posture;
  }

  public EffectiveAccessStatus getEffectiveAccess() {
    return effectiveAccess;
  }

  public void setEffectiveAccess(EffectiveAccessStatus effectiveAccess) {
    this.effectiveAccess = effectiveAccess;
  }

  public List<String> getStatementIds() {
    return statementIds;
  }

  public void setStatementIds(List<String> statementIds) {
    this.statementIds = statementIds;
  }

  public ShareVia getGrantedVia() {
    return grantedVia;
  }

  public void setGrantedVia(ShareVia grantedVia) {
    this.grantedVia = grantedVia;
  }

  public String getGrantedViaReason() {
    return grantedViaReason;
  }

  public void setGrantedViaReason(String grantedViaReason) {
    this.grantedViaReason = grantedViaReason;
  }

  public AccessPointStatus getAccessPoint() {
    return accessPoint;
  }

  public void setAccessPoint(AccessPointStatus accessPoint) {
    this.accessPoint = accessPoint;
  }

  public PolicySizeStatus getAccessPointPolicy() {
    return accessPointPolicy;
  }

  public void setAccessPointPolicy(PolicySizeStatus accessPointPolicy) {
    this.accessPointPolicy = accessPointPolicy;
  }

  public String getConsumerPolicy() {
    return consumerPolicy;
  }

  public void setConsumerPolicy(String consumerPolicy) {
    this.consumerPolicy = consumerPolicy;
  }

  @JsonPropertyDescription(
      "The share's statements in the KMS key policy of the bucket's default encryption key, when"
          + " that is a customer managed key; absent otherwise.")
  private KeyPolicyStatus keyPolicy;

  public KeyPolicyStatus getKeyPolicy() {
    return keyPolicy;
  }

  public void setKeyPolicy(KeyPolicyStatus keyPolicy) {
    this.keyPolicy = keyPolicy;
  }
}
