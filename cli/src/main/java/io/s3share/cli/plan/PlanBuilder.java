package io.s3share.cli.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.s3share.cli.ClusterState;
import io.s3share.cli.Session;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.guardrail.Decision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plans the manifests against the cluster and AWS as they are now; writes nothing anywhere. */
public final class PlanBuilder {

  private final Session session;
  private final boolean enforceSharingPolicies;
  private final Optional<String> permissionsBoundaryArn;

  public PlanBuilder(
      Session session, boolean enforceSharingPolicies, Optional<String> permissionsBoundaryArn) {
    this.session = session;
    this.enforceSharingPolicies = enforceSharingPolicies;
    this.permissionsBoundaryArn = permissionsBoundaryArn;
  }

  /**
   * @param prune plan the BucketShares and CrossAccountRoles of the manifests' namespaces that the
   *     manifests no longer hold as deleted, as a GitOps tool that prunes would
   */
  public PlanReport plan(Manifests manifests, boolean prune) {
    ClusterState before = ClusterState.read(session.kube());
    Admissions admissions = new Admissions(session.kube(), before, enforceSharingPolicies);
    List<PlanReport.Verdict> verdicts = new ArrayList<>();
    Set<String> invalid = new HashSet<>();
    for (HasMetadata manifest : manifests.all()) {
      Optional<String> refusal = admissions.serverRefusal(manifest);
      refusal.ifPresent(
          message -> {
            invalid.add(id(manifest));
            verdicts.add(
                new PlanReport.Verdict(label(manifest), PlanReport.Admission.invalid, message));
          });
      if (refusal.isPresent()) {
        continue;
      }
      Optional<Decision> decision =
          manifest instanceof BucketShare share
              ? Optional.of(admissions.decide(share))
              : manifest instanceof CrossAccountRole role
                  ? Optional.of(admissions.decide(role))
                  : Optional.empty();
      verdicts.add(
          decision
              .filter(d -> !d.allowed())
              .map(
                  d ->
                      new PlanReport.Verdict(
                          label(manifest), PlanReport.Admission.denied, d.message()))
              .orElse(new PlanReport.Verdict(label(manifest), PlanReport.Admission.allowed, "")));
    }
    Set<String> namespaces = new HashSet<>();
    manifests.all().forEach(m -> namespaces.add(m.getMetadata().getNamespace()));

    // Shares: the cluster's, with the valid manifests in place of their namesakes.
    Map<String, BucketShare> afterShares = new LinkedHashMap<>();
    before.shares().forEach(s -> afterShares.put(id(s), s));
    List<BucketShare> touched = new ArrayList<>();
    List<BucketShare> removedShares = new ArrayList<>();
    Set<String> inManifests = new HashSet<>();
    manifests.all().forEach(m -> inManifests.add(id(m)));
    if (prune) {
      for (BucketShare share : before.shares()) {
        if (namespaces.contains(share.getMetadata().getNamespace())
            && !inManifests.contains(id(share))) {
          afterShares.remove(id(share));
          removedShares.add(share);
          touched.add(share);
          verdicts.add(new PlanReport.Verdict(label(share), PlanReport.Admission.removed, ""));
        }
      }
    }
    for (BucketShare share : manifests.shares()) {
      if (invalid.contains(id(share))) {
        continue;
      }
      Optional.ofNullable(afterShares.get(id(share))).ifPresent(touched::add);
      afterShares.put(id(share), share);
      touched.add(share);
    }
    List<PlanReport.Change> changes = new ArrayList<>();
    changes.addAll(
        new BucketPlans(session, before)
            .plan(List.copyOf(afterShares.values()), touched, removedShares, admissions::grants));

    RolePlans roles = new RolePlans(session, before, permissionsBoundaryArn);
    for (CrossAccountRole role : manifests.roles()) {
      if (!invalid.contains(id(role))) {
        changes.add(roles.planned(role, admissions.grants(role)));
      }
    }
    if (prune) {
      for (CrossAccountRole role : before.roles()) {
        if (namespaces.contains(role.getMetadata().getNamespace())
            && !inManifests.contains(id(role))) {
          verdicts.add(new PlanReport.Verdict(label(role), PlanReport.Admission.removed, ""));
          changes.add(roles.removed(role));
        }
      }
    }
    return new PlanReport(verdicts, changes);
  }

  private static String id(HasMetadata resource) {
    return resource.getKind()
        + " "
        + resource.getMetadata().getNamespace()
        + "/"
        + resource.getMetadata().getName();
  }

  private static String label(HasMetadata resource) {
    String ns = resource.getMetadata().getNamespace();
    return resource.getKind()
        + " "
        + (ns == null ? "" : ns + "/")
        + resource.getMetadata().getName();
  }
}
