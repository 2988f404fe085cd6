package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Watches that reconcile a CrossAccountRole at once rather than at the next resync. */
final class CrossAccountRoleEventSources {

  private static final Logger log = LoggerFactory.getLogger(CrossAccountRoleEventSources.class);

  private CrossAccountRoleEventSources() {}

  /**
   * The generated ExternalId Secrets (those with the operator's label), mapped back to their
   * CrossAccountRole by that label: a deleted Secret is reported at once.
   *
   * <p>Watching needs list and watch on Secrets in the watched namespaces, which RBAC cannot narrow
   * to a label. Without them the operator still runs, and notices a deleted Secret at the next
   * resync instead: empty, with a warning that says so.
   */
  static Optional<InformerEventSource<Secret, CrossAccountRole>> externalIdSecrets(
      EventSourceContext<CrossAccountRole> context) {
    Set<String> namespaces = context.getControllerConfiguration().getEffectiveNamespaces();
    if (!mayWatchSecrets(context.getClient(), namespaces)) {
      log.warn(
          "not allowed to list and watch Secrets in {}: a deleted ExternalId Secret is noticed"
              + " at the next resync, not at once",
          InformerConfiguration.allNamespacesWatched(namespaces) ? "all namespaces" : namespaces);
      return Optional.empty();
    }
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
    return Optional.of(new InformerEventSource<>(configuration, context));
  }

  private static boolean mayWatchSecrets(KubernetesClient client, Set<String> namespaces) {
    List<String> where =
        InformerConfiguration.allNamespacesWatched(namespaces)
            ? List.of("")
            : List.copyOf(namespaces);
    for (String namespace : where) {
      for (String verb : List.of("list", "watch")) {
        if (!allowed(client, verb, namespace)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allowed(KubernetesClient client, String verb, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withVerb(verb)
            .withResource("secrets")
            .withNamespace(namespace.isEmpty() ? null : namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    try {
      var answer = client.authorization().v1().selfSubjectAccessReview().create(review);
      return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    } catch (KubernetesClientException e) {
      log.warn("could not ask the API server whether Secrets may be watched: {}", e.getMessage());
      return false;
    }
  }
}
