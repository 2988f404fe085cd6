package io.s3share.operator.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Makes a status's {@code conditions} a map list keyed by {@code type} in the generated CRD, so the
 * API server refuses two conditions of one type and server-side apply merges them by type, as it
 * does Kubernetes' own conditions. Used by crd-generator at build time only.
 */
public final class ConditionsMapList implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps status, String input, KubernetesSerialization serialization) {
    JSONSchemaProps conditions = status.getProperties().get("conditions");
    if (conditions == null) {
      throw new IllegalStateException("a status without conditions has no use for " + input);
    }
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    // A map key must be required (or defaulted): every condition names its type.
    conditions.getItems().getSchema().setRequired(List.of("type"));
    return status;
  }
}
