package io.s3share.operator.crossaccountrole;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.status.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a CrossAccountRole's IAM role, or hands it over under Retain. A role that is gone, or is
 * not ours, lets the finalizer go: there is nothing of ours left to remove. So does the
 * abandon-aws-resources annotation, without touching AWS at all.
 */
final class CrossAccountRoleCleanup {

  private static final Logger log = LoggerFactory.getLogger(CrossAccountRoleCleanup.class);
  private static final Duration RETRY = Duration.ofSeconds(30);

  private final CrossAccountRoleModel model;
  private final CrossAccountRoleStatuses statuses;
  private final EventRecorder events;

  CrossAccountRoleCleanup(
      CrossAccountRoleModel model, CrossAccountRoleStatuses statuses, EventRecorder events) {
    this.model = model;
    this.statuses = statuses;
    this.events = events;
  }

  DeleteControl run(
      CrossAccountRole role, Context<CrossAccountRole> context, Supplier<IamRolePort> iamOf) {
    String name = CrossAccountRoleModel.roleName(role);
    if (Annotations.abandonsAwsResources(role)) {
      log.info("role {} abandoned for {}: AWS left untouched", name, owner(role));
      events.warning(
          role,
          "AwsResourcesAbandoned",
          "Deleted without touching AWS, as "
              + Annotations.ABANDON_AWS_RESOURCES
              + " asks: IAM role "
              + name
              + ", if it exists, is left as it is; delete it by hand.");
      return DeleteControl.defaultDelete();
    }
    try {
      IamRolePort iam = iamOf.get();
      Optional<IamRolePort.Role> observed = iam.read(name);
      if (observed.isEmpty()) {
        events.normal(role, "RoleGone", "Role " + name + " does not exist: nothing to delete");
        return DeleteControl.defaultDelete();
      }
      if (RolePlanner.ownership(
              observed.get(), model.managedBy(), CrossAccountRoleModel.owner(role))
          != RolePlanner.Ownership.OURS) {
        events.normal(role, "RoleNotManaged", "Role " + name + " is not ours: left untouched");
        return DeleteControl.defaultDelete();
      }
      if (role.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
        // Handing over: without our tags no CrossAccountRole adopts or deletes it later.
        iam.untag(
            name, List.of(CrossAccountRoleModel.MANAGED_BY_TAG, CrossAccountRoleModel.OWNER_TAG));
        AwsChangeLog.changed(
            iam.account(),
            "role " + name,
            "retained with its policies, ownership tags removed",
            List.of(owner(role)));
        events.normal(
            role,
            "RoleRetained",
            "Role "
                + name
                + " kept with its trust and inline policies; the operator's ownership tags were"
                + " removed, so it is no longer managed");
        return DeleteControl.defaultDelete();
      }
      // IAM refuses DeleteRole (409 DeleteConflict) while inline or attached policies remain.
      List<String> inline = iam.inlinePolicyNames(name);
      for (String policy : inline) {
        iam.deleteInlinePolicy(name, policy);
      }
      List<String> attached = iam.attachedPolicyArns(name);
      for (String arn : attached) {
        iam.detachPolicy(name, arn);
      }
      iam.delete(name);
      AwsChangeLog.changed(
          iam.account(),
          "role " + name,
          "deleted the role with its inline policies "
              + inline
              + (attached.isEmpty() ? "" : ", after detaching managed policies " + attached),
          List.of(owner(role)));
      events.normal(role, "RoleDeleted", "Role " + name + " and its inline policies deleted");
      return DeleteControl.defaultDelete();
    } catch (AwsCallException e) {
      return keepFinalizer(
          role,
          context,
          e.isRetryable()
              ? Outcome.reconciling(e.reason(), e.getMessage())
              : Outcome.stalled(e.reason(), e.getMessage() + stuck(role, name)));
    } catch (StalledException e) {
      if (!createdAnything(role)) {
        // Nothing was ever created through this resource (no role in status): nothing to clean.
        events.normal(
            role, "NothingToDelete", "No IAM role was created for this resource: " + e.reason());
        return DeleteControl.defaultDelete();
      }
      return keepFinalizer(
          role, context, Outcome.stalled(e.reason(), e.getMessage() + stuck(role, name)));
    }
  }

  private static boolean createdAnything(CrossAccountRole role) {
    return role.getStatus() != null && role.getStatus().getRoleArn() != null;
  }

  /** What to do when the role cannot be removed: fix the cause, or let the resource go. */
  private static String stuck(CrossAccountRole role, String name) {
    return " This CrossAccountRole stays until its IAM role "
        + name
        + " is removed. Fix the cause, or, to delete it without touching AWS (the role then"
        + " stays in IAM for you to remove): kubectl annotate crossaccountrole -n "
        + role.getMetadata().getNamespace()
        + " "
        + role.getMetadata().getName()
        + " "
        + Annotations.ABANDON_AWS_RESOURCES
        + "=true";
  }

  private DeleteControl keepFinalizer(
      CrossAccountRole role, Context<CrossAccountRole> context, Outcome why) {
    events.warning(role, why.reason(), why.message());
    statuses.patchNow(context.getClient(), role, why);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
  }

  private static String owner(CrossAccountRole role) {
    return CrossAccountRoleModel.owner(role);
  }
}
