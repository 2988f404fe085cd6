package io.s3share.cli.plan;

import io.s3share.cli.ClusterState;
import io.s3share.cli.Session;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.aws.IamRoles;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.crossaccountrole.DesiredRole;
import io.s3share.operator.crossaccountrole.ExternalIdSecrets;
import io.s3share.operator.crossaccountrole.ObservedRole;
import io.s3share.operator.crossaccountrole.RoleChange;
import io.s3share.operator.crossaccountrole.RolePlanner;
import io.s3share.operator.kube.StalledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IAM roles the operator would create, change or delete, planned with its own {@link
 * CrossAccountRoleModel} and {@link RolePlanner} against the roles in IAM now. Reads only: an
 * ExternalId the operator would generate is shown as a placeholder, never created.
 */
final class RolePlans {

  static final String GENERATED_PLACEHOLDER = "generated-on-apply";

  private final Session session;
  private final ClusterState before;
  private final CrossAccountRoleModel model;

  RolePlans(Session session, ClusterState before, Optional<String> permissionsBoundaryArn) {
    this.session = session;
    this.before = before;
    this.model = new CrossAccountRoleModel(session.installationId(), permissionsBoundaryArn);
  }

  PlanReport.Change planned(CrossAccountRole role, boolean allowed) {
    String name = CrossAccountRoleModel.roleName(role);
    String target = "role " + name;
    Optional<AwsAccount> account = before.account(role.getSpec().getAccountRef());
    if (account.isEmpty()) {
      return new PlanReport.Change(
          target,
          "blocked",
          "",
          List.of("AwsAccount " + role.getSpec().getAccountRef() + " does not exist"));
    }
    IamRoles iam = iam(account.get());
    Optional<IamRolePort.Role> existing = iam.read(name);
    if (existing.isPresent()) {
      var ownership =
          RolePlanner.ownership(
              existing.get(), model.managedBy(), CrossAccountRoleModel.owner(role));
      if (ownership != RolePlanner.Ownership.OURS) {
        return new PlanReport.Change(
            target,
            "blocked",
            "",
            List.of(
                "IAM role "
                    + name
                    + " exists and is not this resource's ("
                    + ownership
                    + "): the operator will not change it"));
      }
    }
    if (!allowed) {
      // A denied role keeps existing, without its grants (the operator suspends them).
      Optional<String> grants = existing.flatMap(r -> observe(iam, r).grantsPolicy());
      return new PlanReport.Change(
          target,
          grants.isPresent() ? "suspend grants" : "no change",
          PolicyDiff.diff(
              name + "/" + DesiredRole.INLINE_POLICY_NAME + ".json", grants, Optional.empty()),
          List.of("denied by SharingPolicies: the role grants nothing"));
    }
    DesiredRole desired;
    try {
      desired = model.desired(role, externalId(role));
    } catch (StalledException invalid) {
      return new PlanReport.Change(target, "blocked", "", List.of(invalid.getMessage()));
    }
    Optional<ObservedRole> observed = existing.map(r -> observe(iam, r));
    List<RoleChange> changes = RolePlanner.plan(desired, observed);
    if (changes.isEmpty()) {
      return new PlanReport.Change(target, "no change", "", List.of());
    }
    String diff =
        PolicyDiff.diff(
                name + "/trust-policy.json",
                existing.map(IamRolePort.Role::trustPolicy),
                Optional.of(desired.trust().toJson()))
            + PolicyDiff.diff(
                name + "/" + DesiredRole.INLINE_POLICY_NAME + ".json",
                observed.flatMap(ObservedRole::grantsPolicy),
                Optional.of(desired.permissions().toJson()));
    return new PlanReport.Change(
        target,
        existing.isEmpty() ? "create" : "update",
        diff,
        // The Events the operator will record when it makes these changes.
        changes.stream().map(c -> "Event " + c.reason() + ": " + c.describe()).toList());
  }

  PlanReport.Change removed(CrossAccountRole role) {
    String name = CrossAccountRoleModel.roleName(role);
    String target = "role " + name;
    Optional<AwsAccount> account = before.account(role.getSpec().getAccountRef());
    if (account.isEmpty()) {
      return new PlanReport.Change(target, "no change", "", List.of());
    }
    if (role.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      return new PlanReport.Change(
          target, "no change", "", List.of("deletionPolicy Retain: the role stays in IAM"));
    }
    IamRoles iam = iam(account.get());
    return removal(target, role, iam.read(name), iam, "removed from the manifests");
  }

  private PlanReport.Change removal(
      String target,
      CrossAccountRole role,
      Optional<IamRolePort.Role> existing,
      IamRoles iam,
      String why) {
    if (existing.isEmpty()) {
      return new PlanReport.Change(target, "no change", "", List.of(why));
    }
    ObservedRole observed = observe(iam, existing.get());
    String diff =
        PolicyDiff.diff(
                existing.get().name() + "/trust-policy.json",
                Optional.of(existing.get().trustPolicy()),
                Optional.empty())
            + PolicyDiff.diff(
                existing.get().name() + "/" + DesiredRole.INLINE_POLICY_NAME + ".json",
                observed.grantsPolicy(),
                Optional.empty());
    return new PlanReport.Change(target, "delete", diff, List.of(why));
  }

  private static ObservedRole observe(IamRoles iam, IamRolePort.Role role) {
    List<String> names = iam.inlinePolicyNames(role.name());
    Optional<String> grants =
        names.contains(DesiredRole.INLINE_POLICY_NAME)
            ? iam.readInlinePolicy(role.name(), DesiredRole.INLINE_POLICY_NAME)
            : Optional.empty();
    return new ObservedRole(role, names, grants, iam.attachedPolicyArns(role.name()));
  }

  /** The ExternalId the role would carry, read from its Secret; never generated here. */
  private Optional<String> externalId(CrossAccountRole role) {
    ExternalIdSpec spec = role.getSpec().getExternalId();
    if (spec == null) {
      return Optional.empty();
    }
    if (spec.getSecretRef() != null) {
      return new ExternalIdSecrets(session.kube()).resolve(role).value();
    }
    if (Boolean.TRUE.equals(spec.getGenerate())) {
      var secret =
          session
              .kube()
              .secrets()
              .inNamespace(role.getMetadata().getNamespace())
              .withName(ExternalIdSecrets.generatedSecretName(role))
              .get();
      List<String> values = new ArrayList<>();
      if (secret != null
          && secret.getData() != null
          && secret.getData().get(ExternalIdSecrets.GENERATED_KEY) != null) {
        values.add(
            new String(
                    java.util.Base64.getDecoder()
                        .decode(secret.getData().get(ExternalIdSecrets.GENERATED_KEY)),
                    java.nio.charset.StandardCharsets.UTF_8)
                .trim());
      }
      return Optional.of(values.isEmpty() ? GENERATED_PLACEHOLDER : values.get(0));
    }
    return Optional.empty();
  }

  private IamRoles iam(AwsAccount account) {
    return new IamRoles(session.clientsFor(account).iam(), account.getSpec().getAccountId());
  }
}
