package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret; the namespace is needed when the referring resource is cluster-scoped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  @JsonPropertyDescription(
      "Namespace of the Secret. Required for cluster-scoped resources; defaults to the"
          + " resource's own namespace otherwise.")
  private String namespace;

  @Required
  @JsonPropertyDescription("Name of the Secret.")
  private String name;

  @Required
  @JsonPropertyDescription("Key within the Secret's data.")
  private String key;

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
