package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** Observed state of a {@link SharingPolicy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsMapList.class, input = "conditions")
public class SharingPolicyStatus extends ConditionedStatus {

  @JsonPropertyDescription(
      "How many BucketShares and CrossAccountRoles this policy currently admits on its own.")
  private Integer admitted;

  @JsonPropertyDescription("How many namespaces the namespaceSelector currently selects.")
  private Integer namespaces;

  public Integer getAdmitted() {
    return admitted;
  }

  public void setAdmitted(Integer admitted) {
    this.admitted = admitted;
  }

  public Integer getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(Integer namespaces) {
    this.namespaces = namespaces;
  }
}
