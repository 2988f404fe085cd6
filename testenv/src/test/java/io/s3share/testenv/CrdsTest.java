package io.s3share.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import org.junit.jupiter.api.Test;

/** A CRD's status fills in over several watch events; each partial form must read as "not yet". */
class CrdsTest {

  @Test
  void aCrdWithoutStatusIsNotEstablished() {
    assertThat(Crds.isEstablished(new CustomResourceDefinition())).isFalse();
    assertThat(Crds.isEstablished(null)).isFalse();
  }

  @Test
  void aStatusWithoutConditionsIsNotEstablished() {
    // What the API server sends right after the create: a status whose conditions are not set.
    CustomResourceDefinition crd = new CustomResourceDefinition();
    CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
    status.setConditions(null);
    crd.setStatus(status);

    assertThat(Crds.isEstablished(crd)).isFalse();
  }

  @Test
  void namesAcceptedAloneIsNotEstablished() {
    assertThat(Crds.isEstablished(withCondition("NamesAccepted", "True"))).isFalse();
    assertThat(Crds.isEstablished(withCondition("Established", "False"))).isFalse();
  }

  @Test
  void establishedTrueIsEstablished() {
    assertThat(Crds.isEstablished(withCondition("Established", "True"))).isTrue();
  }

  private static CustomResourceDefinition withCondition(String type, String status) {
    return new CustomResourceDefinitionBuilder()
        .withNewStatus()
        .addNewCondition()
        .withType(type)
        .withStatus(status)
        .endCondition()
        .endStatus()
        .build();
  }
}
