package io.s3share.operator.crossaccountrole;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.aws.AwsCall;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.aws.IamRoles;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.kube.AccountEventSource;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.RetryOutcome;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.policy.TrustPolicy;
import io.s3share.operator.sharingpolicy.GuardrailRequests;
import io.s3share.operator.sharingpolicy.SharingPolicyGuard;
import io.s3share.operator.status.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges each CrossAccountRole into an IAM role: observe the role, check it is ours, plan the
 * changes with {@link RolePlanner}, apply them, report. Deletion goes through {@link
 * CrossAccountRoleCleanup}.
 */
@ControllerConfiguration(name = "crossaccountrole")
@GradualRetry(
    maxAttempts = 10,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 120_000)
public final class CrossAccountRoleReconciler
    implements Reconciler<CrossAccountRole>, Cleaner<CrossAccountRole> {

  private static final Logger log = LoggerFactory.getLogger(CrossAccountRoleReconciler.class);

  /** How often to look again while IAM propagates a principal. */
  static final Duration PROPAGATION_RETRY = Duration.ofSeconds(5);

  /** AWS-side problems are not Kubernetes events: look again soon, not only at resync. */
  static final Duration AWS_PROBLEM_RETRY = Duration.ofMinutes(1);

  private final AccountResolver accounts;
  private final CrossAccountRoleModel model;
  private final ExternalIdSecrets externalIds;
  private final CrossAccountRoleStatuses statuses;
  private final CrossAccountRoleCleanup cleanup;
  private final EventRecorder events;
  private final Duration resync;
  private final SharingPolicyGuard<CrossAccountRole> guard;

  public CrossAccountRoleReconciler(
      AccountResolver accounts,
      CrossAccountRoleModel model,
      ExternalIdSecrets externalIds,
      CrossAccountRoleStatuses statuses,
      EventRecorder events,
      Duration resync,
      SharingPolicyGuard<CrossAccountRole> guard) {
    this.guard = guard;
    this.accounts = accounts;
    this.model = model;
    this.externalIds = externalIds;
    this.statuses = statuses;
    this.cleanup = new CrossAccountRoleCleanup(model, statuses, events);
    this.events = events;
    this.resync = resync;
  }

  @Override
  public List<EventSource<?, CrossAccountRole>> prepareEventSources(
      EventSourceContext<CrossAccountRole> context) {
    List<EventSource<?, CrossAccountRole>> sources = new ArrayList<>();
    sources.add(
        AccountEventSource.of(
            context, CrossAccountRole.class, role -> role.getSpec().getAccountRef()));
    sources.addAll(guard.eventSources(context, CrossAccountRole.class));
    return sources;
  }

  @Override
  public UpdateControl<CrossAccountRole> reconcile(
      CrossAccountRole role, Context<CrossAccountRole> context) {
    RoleFacts facts = new RoleFacts();
    Decision decision = guard.decide(GuardrailRequests.of(role));
    try {
      if (!decision.allowed()) {
        return denied(role, context, decision, facts);
      }
      converge(role, context, facts);
    } catch (StalledException e) {
      events.warning(role, e.reason(), e.getMessage());
      return statuses.update(role, Outcome.stalled(e.reason(), e.getMessage()), facts, resync);
    } catch (AwsCallException e) {
      if (AwsCall.WAITING_FOR_IAM_PROPAGATION.equals(e.reason())) {
        CrossAccountRoleStatuses.Waiting waiting = statuses.waiting(role, e);
        boolean gaveUp = waiting.outcome().state() == Outcome.State.STALLED;
        if (gaveUp) {
          events.warning(role, waiting.outcome().reason(), waiting.outcome().message());
        }
        return statuses.update(
            role,
            waiting.outcome(),
            facts,
            waiting.since(),
            gaveUp ? AWS_PROBLEM_RETRY : PROPAGATION_RETRY);
      }
      if (e.isRetryable()) {
        throw e; // JOSDK retries with backoff; updateErrorStatus reports Reconciling meanwhile
      }
      events.warning(role, e.reason(), e.getMessage());
      return statuses.update(
          role, Outcome.stalled(e.reason(), e.getMessage()), facts, AWS_PROBLEM_RETRY);
    }
    return statuses.update(role, statuses.ready(facts), facts, resync);
  }

  @Override
  public ErrorStatusUpdateControl<CrossAccountRole> updateErrorStatus(
      CrossAccountRole role, Context<CrossAccountRole> context, Exception e) {
    return statuses.error(role, RetryOutcome.of(e));
  }

  @Override
  public DeleteControl cleanup(CrossAccountRole role, Context<CrossAccountRole> context) {
    return cleanup.run(role, context, iamOf(role, context));
  }

  /**
   * A denied role is deleted from IAM (if ours) and reported Stalled; allowed again, it returns.
   */
  private UpdateControl<CrossAccountRole> denied(
      CrossAccountRole role,
      Context<CrossAccountRole> context,
      Decision decision,
      RoleFacts facts) {
    facts.roleName = CrossAccountRoleModel.roleName(role);
    cleanup.revoke(role, iamOf(role, context).get());
    // The same message whether this visit deleted the role or an earlier one did: no flapping.
    String message =
        decision.message()
            + " The IAM role "
            + facts.roleName
            + " does not exist while denied; it is created again once a policy allows it.";
    events.warning(role, Decision.DENIED_REASON, message);
    return statuses.update(role, Outcome.stalled(Decision.DENIED_REASON, message), facts, resync);
  }

  private void converge(CrossAccountRole role, Context<CrossAccountRole> context, RoleFacts facts) {
    facts.roleName = CrossAccountRoleModel.roleName(role);
    IamRolePort iam = iamOf(role, context).get();
    ExternalIdSecrets.Resolved externalId = externalIds.resolve(role);
    facts.externalIdSecretRef = externalId.ref();
    if (externalId.generated()) {
      events.normal(role, "ExternalIdGenerated", generatedMessage(role, externalId));
    }
    DesiredRole desired = model.desired(role, externalId.value());
    facts.principals = desired.trust().principals().size();
    facts.trustPolicyChars = desired.trust().chars();
    facts.inlinePolicyChars = desired.permissions().chars();
    requireWithinBudgets(facts);

    var observed = RoleObserver.observe(iam, desired.name(), model.managedBy(), role);
    observed.ifPresent(o -> facts.roleArn = o.role().arn());
    List<RoleChange> changes = RolePlanner.plan(desired, observed);
    for (RoleChange change : changes) {
      if (change instanceof RoleChange.CreateRole create) {
        facts.roleArn = iam.create(create.role());
      } else {
        change.applyTo(iam, desired.name());
      }
      log.info(
          "account {} role {} ({}): {}",
          role.getSpec().getAccountRef(),
          desired.name(),
          CrossAccountRoleModel.owner(role),
          change.describe());
      events.normal(role, change.reason(), "Role " + desired.name() + ": " + change.describe());
    }
  }

  private static void requireWithinBudgets(RoleFacts facts) {
    if (facts.trustPolicyChars > TrustPolicy.LIMIT_CHARS
        || facts.inlinePolicyChars > RolePermissions.LIMIT_CHARS) {
      throw new StalledException(
          "PolicyTooLarge",
          "The trust policy needs "
              + facts.trustPolicyChars
              + " of "
              + TrustPolicy.LIMIT_CHARS
              + " characters and the inline policy "
              + facts.inlinePolicyChars
              + " of "
              + RolePermissions.LIMIT_CHARS
              + "; IAM would refuse it. Nothing was changed. Trust fewer principals, or split"
              + " the grants across roles (fewer buckets or prefixes per role).");
    }
  }

  private static String generatedMessage(
      CrossAccountRole role, ExternalIdSecrets.Resolved externalId) {
    String where = externalId.ref().map(r -> r.getName() + "/" + r.getKey()).orElse("?");
    boolean replaced =
        role.getStatus() != null && role.getStatus().getExternalIdSecretRef() != null;
    return replaced
        ? "The ExternalId Secret was missing: generated a NEW ExternalId in Secret "
            + where
            + " and the trust policy will require it. Give the new value to the trusted account."
        : "Generated an ExternalId in Secret " + where + "; give it to the trusted account.";
  }

  /** The account's IAM, resolved lazily: cleanup of a resource may not need it at all. */
  private Supplier<IamRolePort> iamOf(CrossAccountRole role, Context<CrossAccountRole> context) {
    return () -> {
      AwsAccount account = account(role, context);
      var clients = accounts.clientsFor(account);
      return new IamRoles(clients.iam(), account.getSpec().getAccountId());
    };
  }

  private static AwsAccount account(CrossAccountRole role, Context<CrossAccountRole> context) {
    String name = role.getSpec().getAccountRef();
    return context
        .getSecondaryResource(AwsAccount.class)
        .orElseThrow(
            () ->
                new StalledException(
                    "AccountNotFound",
                    "AwsAccount "
                        + name
                        + " does not exist. Ask the platform team to create it, or fix"
                        + " spec.accountRef."));
  }
}
