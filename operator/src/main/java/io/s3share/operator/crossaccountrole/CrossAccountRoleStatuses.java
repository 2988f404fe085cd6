package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleStatus;
import io.s3share.operator.api.v1alpha1.PolicyCharsStatus;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.policy.TrustPolicy;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.status.Progress;
import io.s3share.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds CrossAccountRole status from an outcome and patches it only when it changed. */
public final class CrossAccountRoleStatuses {

  private static final Logger log = LoggerFactory.getLogger(CrossAccountRoleStatuses.class);

  /**
   * Longer than IAM takes to propagate a new principal, so an "Invalid principal" beyond it is
   * real.
   */
  public static final Duration PROPAGATION_BOUND = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration propagationBound;

  /**
   * @param propagationBound how long "Invalid principal" counts as IAM propagation before the
   *     resource is reported Stalled
   */
  public CrossAccountRoleStatuses(Clock clock, Duration propagationBound) {
    this.clock = clock;
    this.propagationBound = propagationBound;
  }

  /** The outcome of an IAM propagation wait, and when that wait started. */
  record Waiting(Outcome outcome, String since) {}

  UpdateControl<CrossAccountRole> update(
      CrossAccountRole role, Outcome outcome, RoleFacts facts, Duration requeue) {
    return update(role, outcome, facts, null, requeue);
  }

  UpdateControl<CrossAccountRole> update(
      CrossAccountRole role, Outcome outcome, RoleFacts facts, String waitSince, Duration requeue) {
    CrossAccountRoleStatus next = build(role, outcome, facts, waitSince);
    if (same(role.getStatus(), next)) {
      return UpdateControl.<CrossAccountRole>noUpdate().rescheduleAfter(requeue);
    }
    return UpdateControl.patchStatus(statusPatch(role, next)).rescheduleAfter(requeue);
  }

  /** The status after a failed attempt that JOSDK will retry. */
  ErrorStatusUpdateControl<CrossAccountRole> error(CrossAccountRole role, Outcome outcome) {
    CrossAccountRoleStatus next = build(role, outcome, new RoleFacts(), previousWait(role));
    if (same(role.getStatus(), next)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    return ErrorStatusUpdateControl.patchStatus(statusPatch(role, next));
  }

  /**
   * Before any AWS call on a generation that status does not report yet: Reconciling at once, so
   * that a slow AWS shows as work in progress (see {@link Progress}). No propagation wait carries
   * over: a new generation's principals get a wait of their own. Applied as the controller's own
   * field manager, the one JOSDK patches status with at the end of the reconcile: conditions are a
   * list map keyed by type, and a Reconciling entry owned by another manager would outlive that
   * patch and stay next to Ready=True.
   */
  void progressing(Context<CrossAccountRole> context, CrossAccountRole role) {
    if (Progress.pending(role, role.getStatus())) {
      apply(
          context.getClient(),
          role,
          build(role, Progress.outcome(role), new RoleFacts(), null),
          context.getControllerConfiguration().fieldManager());
    }
  }

  /** Patches status outside a reconcile result (JOSDK cannot patch status from cleanup). */
  void patchNow(KubernetesClient client, CrossAccountRole role, Outcome outcome) {
    CrossAccountRoleStatus next = build(role, outcome, new RoleFacts(), previousWait(role));
    if (same(role.getStatus(), next)) {
      return;
    }
    apply(client, role, next, StatusPatches.FIELD_MANAGER);
  }

  private static void apply(
      KubernetesClient client,
      CrossAccountRole role,
      CrossAccountRoleStatus next,
      String fieldManager) {
    try {
      client
          .resource(statusPatch(role, next))
          .subresource("status")
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.SERVER_SIDE_APPLY)
                  .withFieldManager(fieldManager)
                  .withForce(true)
                  .build());
    } catch (KubernetesClientException e) {
      log.warn(
          "could not patch status of {}: {}", CrossAccountRoleModel.owner(role), e.getMessage());
    }
  }

  /**
   * IAM rejected a principal as invalid. Within the bound this is propagation (Reconciling); the
   * wait restarts when the spec changes, since a new principal deserves its own wait.
   */
  Waiting waiting(CrossAccountRole role, AwsCallException e) {
    Instant now = clock.instant();
    Instant since = waitStartedForThisGeneration(role).orElse(now);
    String sinceText = since.truncatedTo(ChronoUnit.SECONDS).toString();
    if (Duration.between(since, now).compareTo(propagationBound) < 0) {
      return new Waiting(Outcome.reconciling(e.reason(), e.getMessage()), sinceText);
    }
    return new Waiting(
        Outcome.stalled(
            "InvalidPrincipal",
            "IAM has rejected a trusted principal as invalid since "
                + sinceText
                + ", longer than IAM takes to propagate a new role ("
                + propagationBound.toMinutes()
                + " min). Check that every spec.trustedPrincipals roleArn exists. "
                + e.getMessage()),
        sinceText);
  }

  Outcome ready(RoleFacts facts) {
    return Outcome.ready(
        "RoleReady",
        "Role "
            + facts.roleArn
            + " can be assumed by "
            + facts.principals
            + " trusted principal(s); trust policy "
            + facts.trustPolicyChars
            + " of "
            + TrustPolicy.LIMIT_CHARS
            + " characters, inline policy "
            + facts.inlinePolicyChars
            + " of "
            + RolePermissions.LIMIT_CHARS
            + "."
            + (facts.detachedPolicies.isEmpty()
                ? ""
                : " Detached managed policies attached out of band, which no spec declares: "
                    + String.join(", ", facts.detachedPolicies)
                    + ".")
            + (facts.keyNotes.isEmpty() ? "" : " " + String.join(" ", facts.keyNotes)));
  }

  // A throttled retry in the middle of a propagation wait does not restart the wait.
  private static String previousWait(CrossAccountRole role) {
    return role.getStatus() == null ? null : role.getStatus().getIamPropagationWaitStarted();
  }

  private Optional<Instant> waitStartedForThisGeneration(CrossAccountRole role) {
    CrossAccountRoleStatus previous = role.getStatus();
    if (previous == null
        || previous.getIamPropagationWaitStarted() == null
        || !Objects.equals(previous.getObservedGeneration(), role.getMetadata().getGeneration())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(previous.getIamPropagationWaitStarted()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private CrossAccountRoleStatus build(
      CrossAccountRole role, Outcome outcome, RoleFacts facts, String waitSince) {
    CrossAccountRoleStatus previous =
        role.getStatus() == null ? new CrossAccountRoleStatus() : role.getStatus();
    long generation = role.getMetadata().getGeneration();
    CrossAccountRoleStatus next = new CrossAccountRoleStatus();
    next.setObservedGeneration(generation);
    next.setConditions(
        Conditions.from(outcome, generation, previous.getConditions(), clock.instant()));
    next.setRoleName(facts.roleName != null ? facts.roleName : previous.getRoleName());
    next.setRoleArn(facts.roleArn != null ? facts.roleArn : previous.getRoleArn());
    next.setExternalIdSecretRef(
        facts.externalIdSecretRef != null
            ? facts.externalIdSecretRef.orElse(null)
            : previous.getExternalIdSecretRef());
    next.setTrustPolicy(
        facts.trustPolicyChars != null
            ? new PolicyCharsStatus(facts.trustPolicyChars, TrustPolicy.LIMIT_CHARS)
            : previous.getTrustPolicy());
    next.setInlinePolicy(
        facts.inlinePolicyChars != null
            ? new PolicyCharsStatus(facts.inlinePolicyChars, RolePermissions.LIMIT_CHARS)
            : previous.getInlinePolicy());
    next.setIamPropagationWaitStarted(waitSince);
    next.setExternalIdRotation(
        facts.externalIdRotation != null
            ? facts.externalIdRotation
            : previous.getExternalIdRotation());
    next.setGrants(
        facts.grants != null
            ? (facts.grants.isEmpty() ? null : facts.grants)
            : previous.getGrants());
    return next;
  }

  private static CrossAccountRole statusPatch(
      CrossAccountRole role, CrossAccountRoleStatus status) {
    return StatusPatches.of(role, status, CrossAccountRole::new);
  }

  private static boolean same(CrossAccountRoleStatus previous, CrossAccountRoleStatus next) {
    return StatusPatches.same(previous, next);
  }
}
