package io.s3share.cli.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.s3share.cli.ClusterState;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.expiry.Term;
import io.s3share.operator.expiry.Terms;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.guardrail.Guardrail;
import io.s3share.operator.guardrail.Request;
import io.s3share.operator.guardrail.Rule;
import io.s3share.operator.sharingpolicy.GuardrailRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Would the cluster take a manifest? The API server judges the CRD schema, CEL rules and admission
 * policies through a server-side dry run (nothing is stored); the SharingPolicies are judged with
 * the operator's own guardrail, as the reconciler will.
 */
final class Admissions {

  static final String FIELD_MANAGER = "s3share-plan";

  private final KubernetesClient kube;
  private final ClusterState cluster;
  private final boolean enforce;
  private final Instant now = Instant.now();

  Admissions(KubernetesClient kube, ClusterState cluster, boolean enforce) {
    this.kube = kube;
    this.cluster = cluster;
    this.enforce = enforce;
  }

  /** The API server's refusal of the manifest, or empty when it would accept it. */
  Optional<String> serverRefusal(HasMetadata manifest) {
    try {
      kube.resource(manifest)
          .dryRun()
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 0 || e.getCode() >= 500) {
        throw e;
      }
      return Optional.of(
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage());
    }
  }

  Decision decide(BucketShare share) {
    return decide(GuardrailRequests.of(share, now));
  }

  Decision decide(CrossAccountRole role) {
    return decide(GuardrailRequests.of(role, now));
  }

  /**
   * Whether the operator would grant the share now: allowed by the SharingPolicies and within its
   * term (not expired, no review overdue that revokes), as the reconciler judges it.
   */
  boolean grants(BucketShare share) {
    Decision decision = decide(share);
    return decision.allowed()
        && Terms.judge(Term.of(share, share.getSpec().getExpiresAt(), now), decision.review(), now)
            .grants();
  }

  /** The same for a role: an expired or revoked role is suspended, so it grants nothing. */
  boolean grants(CrossAccountRole role) {
    Decision decision = decide(role);
    return decision.allowed()
        && Terms.judge(Term.of(role, role.getSpec().getExpiresAt(), now), decision.review(), now)
            .grants();
  }

  private Decision decide(Request request) {
    if (!enforce) {
      return Decision.allowedWithoutPolicies();
    }
    List<Rule> rules = new ArrayList<>();
    cluster.policies().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .forEach(
            p -> {
              try {
                rules.add(GuardrailRequests.ruleOf(p));
              } catch (RuntimeException invalid) {
                // The operator ignores such a policy too: it allows nothing.
              }
            });
    Map<String, String> labels =
        cluster.namespaceLabels().getOrDefault(request.namespace(), Map.of());
    return Guardrail.decide(request, labels, rules);
  }
}
