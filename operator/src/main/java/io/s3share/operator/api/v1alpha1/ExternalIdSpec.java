package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the ExternalId that the trust policy requires comes from (confused-deputy protection). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.secretRef) && has(self.generate) && self.generate)",
    message = "externalId: set either secretRef or generate: true, not both")
@ValidationRule(
    value =
        "!(has(self.required) && !self.required)"
            + " || (!has(self.secretRef) && !(has(self.generate) && self.generate))",
    message =
        "externalId.required: false means the trust policy asks for no ExternalId: remove"
            + " externalId.secretRef and externalId.generate")
@ValidationRule(
    value = "!has(self.secretRef) || !has(self.secretRef.__namespace__)",
    message =
        "externalId.secretRef.namespace must be omitted: the Secret is always read from the"
            + " CrossAccountRole's own namespace")
public class ExternalIdSpec {

  @JsonPropertyDescription(
      "A key of a Secret in this namespace that holds the ExternalId (2-1224 characters of"
          + " letters, digits and +=,.@:/-). Give the same value to the trusted account.")
  private SecretKeyRef secretRef;

  @JsonPropertyDescription(
      "Generate a random ExternalId and store it in a Secret named <name>-external-id (key"
          + " externalId) that this resource owns; status.externalIdSecretRef names it. If that"
          + " Secret is deleted, the operator generates a NEW value and updates the trust"
          + " policy: this is how to rotate the id, and the trusted account must then use the"
          + " new value. A Secret left by an earlier CrossAccountRole of the same name (not yet"
          + " garbage-collected) is taken over with its value.")
  private Boolean generate;

  @JsonPropertyDescription(
      "Defaults to true. Set false to ask for no ExternalId at all; allowed only when every"
          + " trusted principal is an organizationId, i.e. no third party can assume the role.")
  private Boolean required;

  public static ExternalIdSpec generated() {
    ExternalIdSpec spec = new ExternalIdSpec();
    spec.setGenerate(true);
    return spec;
  }

  public static ExternalIdSpec fromSecret(String name, String key) {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName(name);
    ref.setKey(key);
    ExternalIdSpec spec = new ExternalIdSpec();
    spec.setSecretRef(ref);
    return spec;
  }

  public SecretKeyRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(SecretKeyRef secretRef) {
    this.secretRef = secretRef;
  }

  public Boolean getGenerate() {
    return generate;
  }

  public void setGenerate(Boolean generate) {
    this.generate = generate;
  }

  public Boolean getRequired() {
    return required;
  }

  public void setRequired(Boolean required) {
    this.required = required;
  }
}
