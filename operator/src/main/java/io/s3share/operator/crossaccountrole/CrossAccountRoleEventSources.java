package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import java.util.Set;

/** Watches that reconcile a CrossAccountRole at once rather than at the next resync. */
final class CrossAccountRoleEventSources {

  private CrossAccountRoleEventSources() {}

  /**
   * The generated ExternalId Secrets (those with the operator's label), mapped back to their
   * CrossAccountRole by that label: a deleted Secret is reported at once.
   */
  static InformerEventSource<Secret, CrossAccountRole> externalIdSecrets(
      EventSourceContext<CrossAccountRole> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Secret.class, CrossAccountRole.class)
            .withName("external-id-secrets")
            .withLabelSelector(ExternalIdSecrets.LABEL)
            .withSecondaryToPrimaryMapper(
                (Secret secret) ->
                    Set.of(
                        new ResourceID(
                            secret.getMetadata().getLabels().get(ExternalIdSecrets.LABEL),
                            secret.getMetadata().getNamespace())))
            .build();
    return new InformerEventSource<>(configuration, context);
  }
}
