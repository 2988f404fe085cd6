package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndexSpec;
import io.s3share.operator.guardrail.AdmissionIndex;
import io.s3share.operator.guardrail.Rule;
import io.s3share.operator.status.StatusPatches;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the one SharingPolicyIndex that the ValidatingAdmissionPolicy reads in step with the
 * SharingPolicies and namespace labels; writes only when it changed.
 *
 * <p>The current index comes from the informer cache, not from a GET per reconcile. Several
 * policies reconciled after one change compute the same index: writes are serialised and each
 * written index goes into the cache at once, so the first writes and the others find it current.
 */
final class AdmissionIndexWriter {

  private static final Logger log = LoggerFactory.getLogger(AdmissionIndexWriter.class);
  private static final ResourceID ID = new ResourceID(SharingPolicyIndex.NAME);

  private final SharingPolicyMetrics metrics;

  AdmissionIndexWriter(SharingPolicyMetrics metrics) {
    this.metrics = metrics;
  }

  synchronized void converge(
      KubernetesClient client,
      InformerEventSource<SharingPolicyIndex, SharingPolicy> cache,
      Collection<Rule> rules,
      Map<String, Map<String, String>> namespaceLabels) {
    SharingPolicyIndexSpec desired = AdmissionIndex.build(rules, namespaceLabels);
    SharingPolicyIndex current = cache.get(ID).orElse(null);
    if (desired.getNamespaces().isEmpty()) {
      removeIndex(client, current);
      return;
    }
    if (current != null && StatusPatches.same(current.getSpec(), desired)) {
      return;
    }
    SharingPolicyIndex index = new SharingPolicyIndex();
    index.setMetadata(new ObjectMetaBuilder().withName(SharingPolicyIndex.NAME).build());
    index.setSpec(desired);
    SharingPolicyIndex written =
        client
            .resource(index)
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(StatusPatches.FIELD_MANAGER)
                    .withForce(true)
                    .build());
    if (current == null) {
      cache.handleRecentResourceCreate(ID, written);
    } else {
      cache.handleRecentResourceUpdate(ID, written, current);
    }
    metrics.indexWritten();
    log.info(
        "SharingPolicyIndex {} updated: {} namespace(s) covered by {} policy(ies)",
        SharingPolicyIndex.NAME,
        desired.getNamespaces().size(),
        rules.size());
  }

  /**
   * No policy selects any namespace: the index goes. Admission then denies every request, as the
   * reconcilers do (its binding's {@code parameterNotFoundAction} is {@code Deny}). An index with
   * an empty map cannot be applied instead: the API server receives the empty map as null and
   * refuses it, and the deleted policy's entries would stay.
   */
  private void removeIndex(KubernetesClient client, SharingPolicyIndex current) {
    if (current == null) {
      return;
    }
    client.resources(SharingPolicyIndex.class).withName(SharingPolicyIndex.NAME).delete();
    metrics.indexWritten();
    log.info("SharingPolicyIndex {} removed: no SharingPolicy selects a namespace", ID.getName());
  }
}
