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
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.aws.IamRoles;
import io.s3share.operator.aws.S3BucketEncryption;
import io.s3share.operator.expiry.Requeue;
import io.s3share.operator.expiry.Term;
import io.s3share.operator.expiry.Terms;
import io.s3share.operator.expiry.Timers;
import io.s3share.operator.expiry.Verdict;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.kube.AccountEventSource;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.FailureLog;
import io.s3share.operator.kube.RetryOutcome;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.policy.TrustPolicy;
import io.s3share.operator.posture.PostureReports;
import io.s3share.operator.sharingpolicy.GuardrailRequests;
import io.s3share.operator.sharingpolicy.SharingPolicyGuard;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Converges each CrossAccountRole into an IAM role: observe the role, check it is ours, plan the
 * changes with {@link RolePlanner}, apply them, report. A resync first compares with the account's
 * role snapshot ({@link RoleSnapshots}) and reads the role itself only when that shows something to
 * change or does not hold it. Deletion goes through {@link CrossAccountRoleCleanup}.
 */
// Not generation-aware: the rotate and abandon annotations change no generation, and must still
// reach the reconciler at once, terminating or not. Its own status patches cost one extra reconcile
// each, which finds nothing to change; a steady-state resync patches nothing.
@ControllerConfiguration(name = "crossaccountrole", generationAwareEventProcessing = false)
@GradualRetry(
    maxAttempts = 10,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 120_000)
public final class CrossAccountRoleReconciler
    implements Reconciler<CrossAccountRole>, Cleaner<CrossAccountRole> {

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
  private final Clock clock;
  private final RoleKeys keys;
  private final GrantPostures grantPostures;
  private final RoleSnapshots snapshots;

  public CrossAccountRoleReconciler(
      AccountResolver accounts,
      CrossAccountRoleModel model,
      ExternalIdSecrets externalIds,
      CrossAccountRoleStatuses statuses,
      EventRecorder events,
      Duration resync,
      SharingPolicyGuard<CrossAccountRole> guard,
      Clock clock,
      PostureReports posture) {
    this.clock = clock;
    this.grantPostures = new GrantPostures(accounts, posture);
    this.guard = guard;
    this.accounts = accounts;
    this.model = model;
    this.externalIds = externalIds;
    this.statuses = statuses;
    this.cleanup = new CrossAccountRoleCleanup(model, statuses, events);
    this.events = events;
    this.resync = resync;
    this.keys = new RoleKeys(resync.dividedBy(2), clock);
    this.snapshots = new RoleSnapshots(resync, clock, model.managedBy());
  }

  @Override
  public List<EventSource<?, CrossAccountRole>> prepareEventSources(
      EventSourceContext<CrossAccountRole> context) {
    List<EventSource<?, CrossAccountRole>> sources = new ArrayList<>();
    sources.add(
        AccountEventSource.of(
            context, CrossAccountRole.class, role -> role.getSpec().getAccountRef()));
    sources.addAll(guard.eventSources(context, CrossAccountRole.class));
    CrossAccountRoleEventSources.externalIdSecrets(context).ifPresent(sources::add);
    return sources;
  }

  @Override
  public UpdateControl<CrossAccountRole> reconcile(
      CrossAccountRole role, Context<CrossAccountRole> context) {
    Instant now = clock.instant();
    Decision decision = guard.decide(GuardrailRequests.of(role, now));
    Verdict verdict =
        Terms.judge(Term.of(role, role.getSpec().getExpiresAt(), now), decision.review(), now);
    statuses.progressing(context, role);
    // Comes back when the expiry or review falls due, so access ends on time without polling.
    return Requeue.atMost(
        reconcile(role, context, decision, verdict),
        Timers.requeueAfter(verdict.nextChange(), now, resync));
  }

  private UpdateControl<CrossAccountRole> reconcile(
      CrossAccountRole role,
      Context<CrossAccountRole> context,
      Decision decision,
      Verdict verdict) {
    RoleFacts facts = new RoleFacts();
    try {
      if (!decision.allowed()) {
        return suspended(
            role,
            context,
            Decision.DENIED_REASON,
            decision.message(),
            "once a SharingPolicy allows it",
            facts);
      }
      if (!verdict.grants()) {
        return suspended(
            role,
            context,
            verdict.reason(),
            verdict.message(),
            verdict.state() == Verdict.State.REVIEW_OVERDUE
                ? "once it is reviewed"
                : "once spec.expiresAt is later than now",
            facts);
      }
      converge(role, context, facts);
      // Read-only and never failing the role: findings do not change Ready.
      facts.grants = grantPostures.of(role, account(role, context));
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
    Outcome ready = statuses.ready(facts);
    if (verdict.reportsOverdueReview()) {
      ready = Outcome.ready(verdict.reason(), ready.message() + " " + verdict.message());
    }
    return statuses.update(role, ready, facts, resync);
  }

  @Override
  public ErrorStatusUpdateControl<CrossAccountRole> updateErrorStatus(
      CrossAccountRole role, Context<CrossAccountRole> context, Exception e) {
    var retry = context.getRetryInfo();
    Outcome outcome = RetryOutcome.of(role, e, retry, resync);
    FailureLog.failed(role, e, outcome);
    return RetryOutcome.slowAfterLast(statuses.error(role, outcome), retry, resync);
  }

  @Override
  public DeleteControl cleanup(CrossAccountRole role, Context<CrossAccountRole> context) {
    grantPostures.forget(role);
    DeleteControl done = cleanup.run(role, context, iamOf(role, context));
    // Deleted or handed over: a resource of the same name must not find it in the snapshot.
    context
        .getSecondaryResource(AwsAccount.class)
        .ifPresent(
            account ->
                snapshots.forget(
                    account.getSpec().getAccountId(), CrossAccountRoleModel.roleName(role)));
    return done;
  }

  /**
   * A denied, expired or overdue role is suspended, not deleted (see {@link RoleSuspension}), and
   * reported Stalled; allowed again, the next reconcile restores it in place. Only deleting the
   * resource deletes it.
   *
   * @param restoredWhen e.g. "once a SharingPolicy allows it"
   */
  private UpdateControl<CrossAccountRole> suspended(
      CrossAccountRole role,
      Context<CrossAccountRole> context,
      String reason,
      String why,
      String restoredWhen,
      RoleFacts facts) {
    facts.roleName = CrossAccountRoleModel.roleName(role);
    IamRolePort iam = iamOf(role, context).get();
    Optional<ObservedRole> known = snapshots.find(iam, facts.roleName);
    boolean ours;
    if (known.isPresent()
        && RoleSuspension.plan(known.get()).isEmpty()
        && ours(known.get().role(), role)) {
      // Suspended already, as the snapshot shows: nothing to read or write.
      ours = true;
      facts.roleArn = known.get().role().arn();
    } else {
      // Read directly before writing, as in converge.
      Optional<IamRolePort.Role> observed = iam.read(facts.roleName);
      ours = observed.isPresent() && ours(observed.get(), role);
      if (ours) {
        facts.roleArn = observed.get().arn();
        ObservedRole policies = RoleObserver.policiesOf(iam, observed.get());
        List<RoleChange> plan = RoleSuspension.plan(policies);
        // A suspended role changes in ways the snapshot does not model: read it again next time,
        // unless it needed nothing, when what was read is what it is.
        snapshots.forget(iam.account(), facts.roleName);
        apply(role, iam, plan);
        if (plan.isEmpty()) {
          snapshots.record(iam.account(), policies);
        }
      }
    }
    // The same message whether this visit suspended the role or an earlier one did: no flapping.
    String message =
        why
            + (ours
                ? " The IAM role "
                    + facts.roleName
                    + " is suspended: its permissions are removed and its trust policy denies"
                    + " every principal. It keeps its ARN and unique id and is restored "
                    + restoredWhen
                    + "; deleting this CrossAccountRole deletes it."
                : " The operator has no IAM role "
                    + facts.roleName
                    + "; it creates one "
                    + restoredWhen
                    + ".");
    events.warning(role, reason, message);
    return statuses.update(role, Outcome.stalled(reason, message), facts, resync);
  }

  /**
   * Applies planned changes in order: one AWS call, one log line and one Event each.
   *
   * @return the managed policies that were detached
   */
  private List<String> apply(CrossAccountRole role, IamRolePort iam, List<RoleChange> changes) {
    String name = CrossAccountRoleModel.roleName(role);
    List<String> detached = new ArrayList<>();
    for (RoleChange change : changes) {
      change.applyTo(iam, name);
      AwsChangeLog.changed(
          iam.account(),
          "role " + name,
          change.describe(),
          List.of(CrossAccountRoleModel.owner(role)));
      String message = "Role " + name + ": " + change.describe();
      if (change instanceof RoleChange.DetachManagedPolicy detach) {
        detached.add(detach.policyArn());
        events.warning(role, change.reason(), message);
      } else {
        events.normal(role, change.reason(), message);
      }
    }
    return detached;
  }

  private void converge(CrossAccountRole role, Context<CrossAccountRole> context, RoleFacts facts) {
    facts.roleName = CrossAccountRoleModel.roleName(role);
    IamRolePort iam = iamOf(role, context).get();
    ExternalIdSecrets.Resolved externalId = externalIds.resolve(role);
    facts.externalIdSecretRef = externalId.ref();
    externalId.rotation().ifPresent(value -> facts.externalIdRotation = value);
    externalId.event().ifPresent(event -> events.normal(role, event.reason(), event.message()));
    DesiredRole desired = withKeys(role, context, model.desired(role, externalId.value()), facts);
    facts.principals = desired.trust().principals().size();
    facts.trustPolicyChars = desired.trust().chars();
    facts.inlinePolicyChars = desired.permissions().chars();
    requireWithinBudgets(facts);

    Optional<ObservedRole> known =
        RoleObserver.fromSnapshot(snapshots, iam, desired.name(), model.managedBy(), role);
    if (known.isPresent() && RolePlanner.plan(desired, known).isEmpty()) {
      // The resync of an unchanged role: no IAM call of its own.
      facts.roleArn = known.get().role().arn();
      return;
    }
    // Something to change, or a role the snapshot does not hold: read it directly, since the
    // snapshot may be up to a period old, and never write on what it says.
    var observed = RoleObserver.observe(iam, desired.name(), model.managedBy(), role);
    observed.ifPresent(o -> facts.roleArn = o.role().arn());
    List<RoleChange> changes = RolePlanner.plan(desired, observed);
    try {
      applyAll(role, iam, desired, changes, facts);
    } catch (RuntimeException e) {
      // What IAM holds now is unknown: the next reconcile reads it directly.
      snapshots.forget(iam.account(), desired.name());
      throw e;
    }
    snapshots.record(
        iam.account(),
        ObservedRole.converged(
            desired, facts.roleArn, observed.map(o -> o.role().tags()).orElse(Map.of())));
  }

  private void applyAll(
      CrossAccountRole role,
      IamRolePort iam,
      DesiredRole desired,
      List<RoleChange> changes,
      RoleFacts facts) {
    if (!changes.isEmpty() && changes.get(0) instanceof RoleChange.CreateRole create) {
      // The one change with a result: the new role's ARN.
      facts.roleArn = iam.create(create.role());
      AwsChangeLog.changed(
          iam.account(),
          "role " + desired.name(),
          create.describe(),
          List.of(CrossAccountRoleModel.owner(role)));
      events.normal(role, create.reason(), "Role " + desired.name() + ": " + create.describe());
      changes = changes.subList(1, changes.size());
    }
    facts.detachedPolicies = apply(role, iam, changes);
  }

  /** The role with the kms: statements its grants' buckets need; see {@link RoleKeys}. */
  private DesiredRole withKeys(
      CrossAccountRole role,
      Context<CrossAccountRole> context,
      DesiredRole desired,
      RoleFacts facts) {
    AwsAccount account = account(role, context);
    String accountId = account.getSpec().getAccountId();
    RoleKeys.Resolved resolved =
        keys.resolve(
            desired.permissions().grants(),
            desired.name(),
            accountId,
            account.getSpec().getRegion(),
            () -> new S3BucketEncryption(accounts.clientsFor(account).s3(), accountId));
    facts.keyNotes = resolved.notes();
    return resolved.keys().isEmpty()
        ? desired
        : desired.withPermissions(desired.permissions().withKeys(resolved.keys()));
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

  /** The account's IAM, resolved lazily: cleanup of a resource may not need it at all. */
  private Supplier<IamRolePort> iamOf(CrossAccountRole role, Context<CrossAccountRole> context) {
    return () -> {
      AwsAccount account = account(role, context);
      var clients = accounts.clientsFor(account);
      return new IamRoles(clients.iam(), account.getSpec().getAccountId());
    };
  }

  private boolean ours(IamRolePort.Role found, CrossAccountRole role) {
    return RolePlanner.ownership(found, model.managedBy(), CrossAccountRoleModel.owner(role))
        == RolePlanner.Ownership.OURS;
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
