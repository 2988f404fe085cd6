package io.s3share.operator.bucketshare;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.s3share.operator.accesspoint.AccessPointConverger;
import io.s3share.operator.accesspoint.AccessPointNames;
import io.s3share.operator.accesspoint.AccessPointShares;
import io.s3share.operator.accesspoint.AccessPointStatuses;
import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccessPointPort;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.KmsKeyPolicies;
import io.s3share.operator.aws.Regions;
import io.s3share.operator.aws.S3AccessPoints;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.config.PolicyBatching;
import io.s3share.operator.expiry.Requeue;
import io.s3share.operator.expiry.Term;
import io.s3share.operator.expiry.Terms;
import io.s3share.operator.expiry.Timers;
import io.s3share.operator.expiry.Verdict;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.kms.KeyPolicyConverger;
import io.s3share.operator.kms.KeyPolicyModes;
import io.s3share.operator.kms.SharingPolicyKeyModes;
import io.s3share.operator.kube.AccountEventSource;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.FailureLog;
import io.s3share.operator.kube.IncompleteCacheException;
import io.s3share.operator.kube.RetryOutcome;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.metrics.BucketShareMetrics;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.posture.PosturePorts;
import io.s3share.operator.posture.PostureReports;
import io.s3share.operator.sharedbucket.SharedBucketRequirement;
import io.s3share.operator.sharingpolicy.GuardrailRequests;
import io.s3share.operator.sharingpolicy.SharingPolicyGuard;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converges each BucketShare's grants into its bucket's policy: observe the account, plan the
 * bucket's policy from every share on it, write through {@link BucketPolicyWriter}, report.
 */
// Not generation-aware, so that setting the review annotation reaches the reconciler at once;
// ShareUpdateFilter still drops status-only updates.
@ControllerConfiguration(
    name = "bucketshare",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ShareUpdateFilter.class))
@GradualRetry(
    maxAttempts = 10,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 120_000)
public final class BucketShareReconciler implements Reconciler<BucketShare>, Cleaner<BucketShare> {

  static final String BY_BUCKET = "byBucket";
  private static final Duration RACE_REQUEUE = Duration.ofSeconds(2);

  /** How soon a share whose principal S3 does not know yet tries again, while it is young. */
  private static final Duration PRINCIPAL_RETRY = Duration.ofSeconds(30);

  private final AccountResolver accounts;
  private final BucketPolicyWriter writer;
  private final BucketPlanner planner;
  private final BucketShareStatuses statuses;
  private final EventRecorder events;
  private final Duration resync;
  private final SharingPolicyGuard<BucketShare> guard;
  private final BucketShareMetrics metrics;
  private final AccessPointConverger accessPoints;
  private final AccessPointNames accessPointNames;
  private final Clock clock;
  private final ShareVerifier verifier;
  private final KeyPolicyConverger keyPolicies;
  private final KeyPolicyModes keyModes;
  private final PostureReports posture;
  private final SharedBucketRequirement sharedBucketRequirement = new SharedBucketRequirement();
  private final PolicyBatches<Pending> batches;
  private volatile InformerEventSource<AwsAccount, BucketShare> accountSource;

  public BucketShareReconciler(
      AccountResolver accounts,
      BucketPolicyWriter writer,
      BucketPlanner planner,
      BucketShareStatuses statuses,
      EventRecorder events,
      Duration resync,
      SharingPolicyGuard<BucketShare> guard,
      BucketShareMetrics metrics,
      AccessPointConverger accessPoints,
      AccessPointNames accessPointNames,
      Clock clock,
      PostureReports posture,
      PolicyBatching batching) {
    this.batches = new PolicyBatches<>(batching);
    this.clock = clock;
    this.posture = posture;
    this.accessPoints = accessPoints;
    this.accessPointNames = accessPointNames;
    this.guard = guard;
    this.metrics = metrics;
    this.accounts = accounts;
    this.writer = writer;
    this.planner = planner;
    this.statuses = statuses;
    this.events = events;
    this.resync = resync;
    this.verifier =
        new ShareVerifier(
            accounts, planner.namespace(), resync.dividedBy(2), java.time.Clock.systemUTC());
    this.keyPolicies = new KeyPolicyConverger(planner.namespace());
    Function<String, Optional<String>> accountIdByName =
        name ->
            accountSource == null
                ? Optional.empty()
                : accountSource
                    .get(new ResourceID(name))
                    .map(account -> account.getSpec().getAccountId());
    this.keyModes =
        new SharingPolicyKeyModes(guard::policies, accountIdByName)
            .unlessDeclared(
                bucket -> sharedBucketRequirement.declaredKeyPolicy(bucket, accountIdByName));
  }

  @Override
  public List<EventSource<?, BucketShare>> prepareEventSources(
      EventSourceContext<BucketShare> context) {
    var shares = context.getPrimaryCache();
    // By name only: which account a share's bucket is in depends on its AwsAccount, which can
    // appear after the share is indexed; see sharesOn().
    shares.addIndexer(BY_BUCKET, share -> List.of(share.getSpec().getBucket().getName()));
    List<EventSource<?, BucketShare>> sources = new ArrayList<>();
    accountSource =
        AccountEventSource.of(
            context, BucketShare.class, share -> share.getSpec().getBucket().getAccountRef());
    sources.add(accountSource);
    sources.addAll(guard.eventSources(context, BucketShare.class));
    sources.add(sharedBucketRequirement.eventSource(context, BY_BUCKET));
    return sources;
  }

  @Override
  public UpdateControl<BucketShare> reconcile(BucketShare share, Context<BucketShare> context) {
    Instant now = clock.instant();
    Decision decision = decide(share, now);
    Verdict verdict = verdictOf(share, decision, now);
    statuses.progressing(context, share);
    // Comes back when the expiry or review falls due, so grants end on time without polling.
    return Requeue.atMost(
        reconcile(share, context, decision, verdict),
        Timers.requeueAfter(verdict.nextChange(), now, resync));
  }

  /** What SharingPolicies say about the share, with their requireSharedBucket applied. */
  private Decision decide(BucketShare share, Instant now) {
    return sharedBucketRequirement.apply(
        share,
        guard.decide(GuardrailRequests.of(share, now)),
        guard::policy,
        name -> accountSource.get(new ResourceID(name)).map(a -> a.getSpec().getAccountId()));
  }

  /** The stall of a share its SharingPolicies do not allow (or not yet, without a SharedBucket). */
  private static Outcome denied(BucketShare share, Decision decision) {
    return SharedBucketRequirement.deniedBy(decision)
        ? SharedBucketRequirement.stalled(share, decision)
        : BucketShareStatuses.denied(share, decision);
  }

  /** Whether the share's own term and the review its SharingPolicies ask for let it grant now. */
  private static Verdict verdictOf(BucketShare share, Decision decision, Instant now) {
    return Terms.judge(Term.of(share, share.getSpec().getExpiresAt(), now), decision.review(), now);
  }

  /** Whether a share's grants belong in its bucket's policy now: allowed and within its term. */
  private boolean grants(BucketShare share, Instant now) {
    Decision decision = decide(share, now);
    return decision.allowed() && verdictOf(share, decision, now).grants();
  }

  private UpdateControl<BucketShare> reconcile(
      BucketShare share, Context<BucketShare> context, Decision decision, Verdict verdict) {
    Converged converged;
    try {
      converged = converge(share, context, decision.allowed() && verdict.grants());
      if (!decision.allowed() || !verdict.grants()) {
        // Its bucket-policy grants went in that converge; its key-policy statements go too.
        keyPolicies.withdraw(share, keyScene(share, converged.account(), context));
      }
    } catch (StalledException e) {
      events.warning(share, e.reason(), e.getMessage());
      return statuses.update(share, Outcome.stalled(e.reason(), e.getMessage()), null, resync);
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e; // JOSDK retries with backoff; updateErrorStatus reports Reconciling meanwhile
      }
      if (S3BucketPolicies.refusesPrincipal(e)) {
        // Only an access point policy gets here: the bucket's writer isolates refused principals.
        metrics.refusedPrincipal();
        Outcome refused = statuses.refusedPrincipal(share);
        events.warning(share, refused.reason(), refused.message());
        return statuses.update(
            share,
            refused,
            null,
            refused.state() == Outcome.State.RECONCILING ? PRINCIPAL_RETRY : resync);
      }
      Outcome outcome = diagnose(share, context, e);
      events.warning(share, outcome.reason(), outcome.message());
      // AWS-side problems are not Kubernetes events: look again soon, not only at resync.
      return statuses.update(share, outcome, null, Duration.ofMinutes(1));
    }
    BucketPolicyWriter.Result result = converged.result();
    if (result.action() == BucketPolicyWriter.Action.WRITTEN
        || result.action() == BucketPolicyWriter.Action.DELETED) {
      events.normal(share, "BucketPolicyUpdated", statuses.writeMessage(share, result));
    }
    if (converged.accessPoint().isPresent()) {
      return accessPointOutcome(share, context, decision, verdict, converged);
    }
    if (!decision.allowed()) {
      // The converge above left this share out of the bucket's policy: its grants are gone.
      Outcome denied = denied(share, decision);
      events.warning(share, denied.reason(), denied.message());
      return statuses.update(share, denied, result, List.of(), resync);
    }
    if (!verdict.grants()) {
      // Expired, or its review is overdue under a policy that revokes: same as denied.
      Outcome ended = Outcome.stalled(verdict.reason(), verdict.message());
      events.warning(share, ended.reason(), ended.message());
      return statuses.update(share, ended, result, List.of(), resync, converged.method());
    }
    if (result.plan().rejected().contains(BucketPlanner.id(share))) {
      Outcome tooLarge = statuses.tooLarge(share, result);
      events.warning(share, tooLarge.reason(), tooLarge.message());
      return statuses.update(share, tooLarge, result, List.of(), resync);
    }
    if (result.refused().contains(BucketPlanner.id(share))) {
      metrics.refusedPrincipal();
      Outcome refused = statuses.refusedPrincipal(share);
      events.warning(share, refused.reason(), refused.message());
      return statuses.update(
          share,
          refused,
          result,
          List.of(),
          refused.state() == Outcome.State.RECONCILING ? PRINCIPAL_RETRY : resync);
    }
    List<String> gone = BucketShareStatuses.danglingOf(share, result);
    if (!gone.isEmpty()) {
      // The ARN is written again only at this share's next resync: never in a loop.
      metrics.danglingPrincipal();
      Outcome dangling = statuses.danglingPrincipal(share, gone, resync);
      events.warning(share, dangling.reason(), dangling.message());
      return statuses.update(share, dangling, result, converged.statementIds(), resync);
    }
    if (!result.conflicts().isEmpty()) {
      metrics.installationConflict();
      Outcome conflict = statuses.installationConflict(share, result.conflicts());
      events.warning(share, conflict.reason(), conflict.message());
      return statuses.update(share, conflict, result, converged.statementIds(), resync);
    }
    if (result.action() == BucketPolicyWriter.Action.RACED) {
      return statuses.update(
          share,
          Outcome.reconciling(
              "ConcurrentPolicyWrite",
              "Another writer changed the bucket policy right after ours; converging again."),
          result,
          converged.statementIds(),
          RACE_REQUEUE);
    }
    KeyPolicyConverger.Converged key = keyPolicy(share, converged.account(), context);
    if (key.notReady().isPresent()) {
      return keyNotReady(
          share,
          key,
          result,
          converged.statementIds(),
          converged.method().andThen(key::describe).andThen(postureOf(share, converged.account())));
    }
    EffectiveAccessStatus access =
        verifier.check(
            share, converged.account(), result.policy(), Optional.empty(), Optional.empty());
    Outcome verified =
        ShareVerifier.notReady(share, access)
            .orElseGet(
                () -> withReview(verdict, statuses.granted(share, converged.statementIds())));
    if (!verified.isReady()) {
      events.warning(share, verified.reason(), verified.message());
    }
    return statuses.update(
        share,
        verified,
        result,
        converged.statementIds(),
        resync,
        converged
            .method()
            .andThen(status -> status.setEffectiveAccess(access))
            .andThen(key::describe)
            .andThen(postureOf(share, converged.account())));
  }

  /** A granted outcome, saying so when the review is overdue but only reported. */
  private Outcome withReview(Verdict verdict, Outcome granted) {
    if (!verdict.reportsOverdueReview()) {
      return granted;
    }
    return Outcome.ready(verdict.reason(), granted.message() + " " + verdict.message());
  }

  private UpdateControl<BucketShare> accessPointOutcome(
      BucketShare share,
      Context<BucketShare> context,
      Decision decision,
      Verdict verdict,
      Converged converged) {
    AccessPointConverger.Converged accessPoint = converged.accessPoint().get();
    BucketPolicyWriter.Result result = converged.result();
    var method = converged.method();
    if (!decision.allowed()) {
      Outcome denied = denied(share, decision);
      events.warning(share, denied.reason(), denied.message());
      return statuses.update(share, denied, result, List.of(), resync, method);
    }
    if (!verdict.grants()) {
      Outcome ended = Outcome.stalled(verdict.reason(), verdict.message());
      events.warning(share, ended.reason(), ended.message());
      return statuses.update(share, ended, result, List.of(), resync, method);
    }
    if (accessPoint.action() == AccessPointConverger.Action.RACED
        || result.action() == BucketPolicyWriter.Action.RACED) {
      return statuses.update(
          share,
          Outcome.reconciling(
              "ConcurrentPolicyWrite",
              "Another writer changed the access point or bucket policy right after ours;"
                  + " converging again."),
          result,
          accessPoint.statementIds(),
          RACE_REQUEUE,
          method);
    }
    if (!result.conflicts().isEmpty()) {
      metrics.installationConflict();
      Outcome conflict = statuses.installationConflict(share, result.conflicts());
      events.warning(share, conflict.reason(), conflict.message());
      return statuses.update(share, conflict, result, accessPoint.statementIds(), resync, method);
    }
    if (accessPoint.action() == AccessPointConverger.Action.WRITTEN) {
      events.normal(
          share,
          "AccessPointPolicyUpdated",
          "Wrote the policy of access point " + accessPoint.accessPoint().name());
    }
    KeyPolicyConverger.Converged key = keyPolicy(share, converged.account(), context);
    if (key.notReady().isPresent()) {
      return keyNotReady(
          share,
          key,
          result,
          accessPoint.statementIds(),
          method.andThen(key::describe).andThen(postureOf(share, converged.account())));
    }
    EffectiveAccessStatus access =
        verifier.check(
            share,
            converged.account(),
            result.policy(),
            Optional.of(accessPoint.accessPoint().arn()),
            accessPoint.policy());
    Outcome verified =
        ShareVerifier.notReady(share, access)
            .orElseGet(() -> withReview(verdict, AccessPointStatuses.granted(share, accessPoint)));
    if (!verified.isReady()) {
      events.warning(share, verified.reason(), verified.message());
    }
    return statuses.update(
        share,
        verified,
        result,
        accessPoint.statementIds(),
        resync,
        method
            .andThen(status -> status.setEffectiveAccess(access))
            .andThen(key::describe)
            .andThen(postureOf(share, converged.account())));
  }

  /**
   * Converges the key policy of the bucket's default KMS key once the bucket side is in place; the
   * share's effective access is then judged on the key policy as written.
   */
  private KeyPolicyConverger.Converged keyPolicy(
      BucketShare share, AwsAccount account, Context<BucketShare> context) {
    KeyPolicyConverger.Converged key =
        keyPolicies.converge(share, keyScene(share, account, context));
    key.written().ifPresent(verifier::keyPolicyChanged);
    return key;
  }

  private UpdateControl<BucketShare> keyNotReady(
      BucketShare share,
      KeyPolicyConverger.Converged key,
      BucketPolicyWriter.Result result,
      List<String> statementIds,
      Consumer<BucketShareStatus> describe) {
    Outcome outcome = key.notReady().orElseThrow();
    events.warning(share, outcome.reason(), outcome.message());
    return statuses.update(
        share,
        outcome,
        result,
        statementIds,
        outcome.state() == Outcome.State.RECONCILING ? RACE_REQUEUE : resync,
        describe);
  }

  private KeyPolicyConverger.Scene keyScene(
      BucketShare share, AwsAccount account, Context<BucketShare> context) {
    String accountId = account.getSpec().getAccountId();
    return new KeyPolicyConverger.Scene(
        accountId,
        keyModes.modeFor(new BucketKey(accountId, share.getSpec().getBucket().getName())),
        new KmsKeyPolicies(accounts.clientsFor(account).kms(), accountId),
        bucket -> verifier.defaultKey(account, bucket),
        () ->
            context
                .getPrimaryCache()
                .list()
                .filter(other -> accountIdOf(other).filter(accountId::equals).isPresent())
                .toList(),
        other -> grants(other, clock.instant()));
  }

  /**
   * The bucket's posture for this share (read-only; findings never change Ready), or the posture
   * status already shows when AWS cannot be read just now.
   */
  private Consumer<BucketShareStatus> postureOf(BucketShare share, AwsAccount account) {
    String accountId = account.getSpec().getAccountId();
    var intent = ShareModel.intentOf(share);
    return status ->
        posture
            .report(
                reporter(share),
                intent.bucket(),
                io.s3share.operator.posture.ShareNeeds.of(
                    intent.access(), intent.extraActions(), intent.prefixes(), true),
                accountId,
                () -> PosturePorts.of(accounts.clientsFor(account)))
            .ifPresent(status::setPosture);
  }

  private static String reporter(BucketShare share) {
    return "BucketShare/" + BucketPlanner.id(share) + "/";
  }

  @Override
  public ErrorStatusUpdateControl<BucketShare> updateErrorStatus(
      BucketShare share, Context<BucketShare> context, Exception e) {
    var retry = context.getRetryInfo();
    Outcome outcome = RetryOutcome.of(share, e, retry, resync);
    FailureLog.failed(share, e, outcome);
    return RetryOutcome.slowAfterLast(statuses.error(share, outcome), retry, resync);
  }

  @Override
  public DeleteControl cleanup(BucketShare share, Context<BucketShare> context) {
    posture.forget(reporter(share));
    String bucket = share.getSpec().getBucket().getName();
    if (Annotations.abandonsAwsResources(share)) {
      events.warning(
          share,
          "AwsResourcesAbandoned",
          "Deleted without touching AWS, as annotation "
              + Annotations.ABANDON_AWS_RESOURCES
              + " asks: any statements of this share stay in the policy of bucket "
              + bucket
              + " until someone removes them");
      return DeleteControl.defaultDelete();
    }
    try {
      releaseAccessPoint(share, context);
      converge(share, context, Optional.of(share));
      keyPolicies.release(share, keyScene(share, account(share, context), context));
      boolean retained = share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain;
      events.normal(
          share,
          retained ? "GrantsRetained" : "GrantsRemoved",
          retained
              ? "Grants kept in the policy of bucket " + bucket + " as unmanaged statements"
              : "Grants removed from the policy of bucket " + bucket);
      return DeleteControl.defaultDelete();
    } catch (AwsCallException e) {
      if ("BucketNotFound".equals(e.reason())) {
        events.normal(share, "BucketGone", "Bucket already deleted: nothing to remove");
        return DeleteControl.defaultDelete();
      }
      if (e.isRetryable()) {
        return keepFinalizer(share, context, Outcome.reconciling(e.reason(), e.getMessage()));
      }
      Outcome why = diagnose(share, context, e);
      return keepFinalizer(
          share,
          context,
          Outcome.stalled(why.reason(), why.message() + BucketShareStatuses.escapeHatch(share)));
    } catch (StalledException e) {
      if (BucketShareStatuses.neverWrote(share)) {
        // Nothing of ours can be in any policy: holding the finalizer would only block deletion.
        events.normal(
            share,
            "NothingToRemove",
            e.getMessage() + " This share never had statements in a bucket policy: deleted.");
        return DeleteControl.defaultDelete();
      }
      return keepFinalizer(
          share,
          context,
          Outcome.stalled(
              e.reason(),
              e.getMessage()
                  + " The share's statements stay in the bucket policy until this is fixed."
                  + BucketShareStatuses.escapeHatch(share)));
    }
  }

  private DeleteControl keepFinalizer(
      BucketShare share, Context<BucketShare> context, Outcome why) {
    events.warning(share, why.reason(), why.message());
    statuses.patchNow(context.getClient(), share, why);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
  }

  /**
   * The statement ids of this share, the bucket writer's result, the share's access point when it
   * is granted through one, and the status parts that say which method it is on.
   */
  private record Converged(
      AwsAccount account,
      List<String> statementIds,
      BucketPolicyWriter.Result result,
      Optional<AccessPointConverger.Converged> accessPoint,
      Consumer<BucketShareStatus> method) {}

  /** Converges a live share: its access point if it has one, then its bucket's policy. */
  private Converged converge(BucketShare share, Context<BucketShare> context, boolean allowed) {
    AwsAccount account = account(share, context);
    String accountId = account.getSpec().getAccountId();
    AccessPointPort port = new S3AccessPoints(accounts.clientsFor(account).s3Control(), accountId);
    String id = BucketPlanner.id(share);
    ShareVia requested = AccessPointShares.requested(share);
    Optional<ShareVia> method = AccessPointShares.method(share);
    String autoReason = "";
    if (method.isEmpty() && accessPoints.owns(port, share, id)) {
      method = Optional.of(ShareVia.AccessPoint);
      autoReason = "an access point of this share already exists.";
    }
    Optional<AccessPointConverger.Converged> accessPoint = Optional.empty();
    if (method.filter(ShareVia.AccessPoint::equals).isPresent()) {
      accessPoint =
          allowed
              ? Optional.of(convergeAccessPoint(port, share, context))
              : accessPoints.revoke(port, share, id, ShareModel.intentOf(share));
    }
    BucketPolicyWriter.Result result = writeInBatch(share, context, account, chosenNow(id, method));
    if (method.isEmpty() && allowed && result.plan().rejected().contains(id)) {
      method = Optional.of(ShareVia.AccessPoint);
      autoReason =
          "the policy of bucket "
              + share.getSpec().getBucket().getName()
              + " had no room for its statements ("
              + result.sizeBytes()
              + " of "
              + MergeResult.BUCKET_POLICY_LIMIT_BYTES
              + " bytes used).";
      accessPoint = Optional.of(convergeAccessPoint(port, share, context));
    } else if (method.isEmpty() && allowed && result.refused().isEmpty()) {
      method = Optional.of(ShareVia.BucketPolicy);
      autoReason = "the policy of bucket " + share.getSpec().getBucket().getName() + " had room.";
    }
    if (allowed) {
      accessPoint.ifPresent(
          converged ->
              accessPoints.removeReplaced(port, share, id, converged.accessPoint().name()));
    }
    String reason =
        Optional.ofNullable(share.getStatus())
            .filter(status -> status.getGrantedVia() != null)
            .map(BucketShareStatus::getGrantedViaReason)
            .orElse(null);
    Consumer<BucketShareStatus> describe = status -> {};
    if (method.isPresent()) {
      String why =
          reason != null
              ? reason
              : AccessPointStatuses.reasonFor(requested, method.get(), autoReason);
      describe =
          accessPoint.isPresent()
              ? AccessPointStatuses.describe(accessPoint.get(), ShareModel.intentOf(share), why)
              : AccessPointStatuses.bucketPolicy(why);
    }
    List<String> statementIds =
        accessPoint.isPresent()
            ? accessPoint.get().statementIds()
            : planner.statementsOf(share).stream().map(s -> s.sid()).toList();
    return new Converged(account, statementIds, result, accessPoint, describe);
  }

  private AccessPointConverger.Converged convergeAccessPoint(
      AccessPointPort port, BucketShare share, Context<BucketShare> context) {
    String desired = accessPoints.nameFor(share);
    AccessPointConverger.recordedName(share)
        .filter(recorded -> !recorded.equals(desired))
        .ifPresent(
            recorded ->
                statuses.patchNow(
                    context.getClient(),
                    share,
                    AccessPointStatuses.replacing(
                        "Replacing access point "
                            + recorded
                            + " with "
                            + desired
                            + ": the new one gets the grants first, then the old one is"
                            + " deleted. Consumers must switch to the new endpoint.")));
    return accessPoints.converge(
        port,
        share,
        BucketPlanner.id(share),
        ShareModel.intentOf(share),
        message ->
            statuses.patchNow(context.getClient(), share, AccessPointStatuses.replacing(message)));
  }

  /** Converges the bucket's policy without a share that is being deleted. */
  private void converge(
      BucketShare share, Context<BucketShare> context, Optional<BucketShare> leaving) {
    writeBucketPolicy(List.of(share), context, account(share, context), leaving, Map.of());
  }

  /**
   * Before a deleted share leaves the bucket's plan: removes its access point, or hands it over
   * when retained. Auto shares not chosen yet may have one too.
   */
  private void releaseAccessPoint(BucketShare share, Context<BucketShare> context) {
    if (AccessPointShares.method(share).filter(ShareVia.BucketPolicy::equals).isPresent()) {
      return;
    }
    AwsAccount account = account(share, context);
    String accountId = account.getSpec().getAccountId();
    AccessPointPort port = new S3AccessPoints(accounts.clientsFor(account).s3Control(), accountId);
    String id = BucketPlanner.id(share);
    if (share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      accessPoints.handOver(port, share, id, ShareModel.intentOf(share));
    } else {
      accessPoints.remove(port, share, id);
    }
  }

  /** A live share's converge waiting in its bucket's batch, with the method it chose now. */
  private record Pending(BucketShare share, Map<String, ShareVia> chosenNow) {}

  /**
   * Converges the bucket's policy together with the other shares on the bucket that ask within the
   * batch time: one plan and at most one write for all of them.
   */
  private BucketPolicyWriter.Result writeInBatch(
      BucketShare share,
      Context<BucketShare> context,
      AwsAccount account,
      Map<String, ShareVia> chosenNow) {
    BucketKey key =
        new BucketKey(account.getSpec().getAccountId(), share.getSpec().getBucket().getName());
    return batches.submit(
        key,
        new Pending(share, chosenNow),
        batch -> {
          Map<String, ShareVia> chosen = new HashMap<>();
          batch.forEach(pending -> chosen.putAll(pending.chosenNow()));
          return writeBucketPolicy(
              batch.stream().map(Pending::share).toList(),
              context,
              account,
              Optional.empty(),
              chosen);
        });
  }

  /**
   * @param selves the shares this converge is for; all on one bucket
   */
  private BucketPolicyWriter.Result writeBucketPolicy(
      List<BucketShare> selves,
      Context<BucketShare> context,
      AwsAccount account,
      Optional<BucketShare> leaving,
      Map<String, ShareVia> chosenNow) {
    var clients = accounts.clientsFor(account);
    String accountId = account.getSpec().getAccountId();
    String bucket = selves.get(0).getSpec().getBucket().getName();
    BucketKey key = new BucketKey(accountId, bucket);
    String region = account.getSpec().getRegion();
    var scope =
        new BucketPlanner.AccessPointScope(
            bucket,
            accountId,
            Delegation.arnPattern(
                Regions.partition(region).orElse("aws"), region, accountId, accessPointNames),
            chosenNow);
    return writer.convergeOnObservation(
        key,
        accountId,
        new S3BucketPolicies(clients.s3(), accountId),
        planner.planner(
            () -> sharesOn(key, selves, leaving.isPresent(), context),
            leaving,
            other -> grants(other, clock.instant()),
            scope),
        selves.stream().map(BucketPlanner::id).collect(Collectors.toSet()));
  }

  private static Map<String, ShareVia> chosenNow(String id, Optional<ShareVia> method) {
    return method.map(m -> Map.of(id, m)).orElse(Map.of());
  }

  /**
   * Every cached share on the bucket, through whichever AwsAccount names its account: the same
   * bucket reached through two AwsAccount names is planned as one. Refused when the cache lacks
   * what this reconcile has just seen (the share itself, or its AwsAccount), as while the informers
   * stop: a plan without them would remove grants that are still declared.
   */
  private List<BucketShare> sharesOn(
      BucketKey key, List<BucketShare> selves, boolean leaving, Context<BucketShare> context) {
    for (BucketShare self : selves) {
      if (accountIdOf(self).isEmpty()) {
        throw new IncompleteCacheException(
            "The operator's cache lacks AwsAccount "
                + self.getSpec().getBucket().getAccountRef()
                + ", which this reconcile has just read: nothing written; retrying.");
      }
    }
    List<BucketShare> on =
        context.getPrimaryCache().byIndex(BY_BUCKET, key.bucket()).stream()
            .filter(share -> accountIdOf(share).filter(key.accountId()::equals).isPresent())
            .toList();
    for (BucketShare self : selves) {
      CacheCheck.including(self, leaving, on);
    }
    return on;
  }

  private Optional<String> accountIdOf(BucketShare share) {
    return accountSource
        .get(new ResourceID(share.getSpec().getBucket().getAccountRef()))
        .map(account -> account.getSpec().getAccountId());
  }

  private static AwsAccount account(BucketShare share, Context<BucketShare> context) {
    String name = share.getSpec().getBucket().getAccountRef();
    return context
        .getSecondaryResource(AwsAccount.class)
        .orElseThrow(
            () ->
                new StalledException(
                    "AccountNotFound",
                    "AwsAccount "
                        + name
                        + " does not exist. Ask the platform team to create it, or fix"
                        + " spec.bucket.accountRef."));
  }

  /** The outcome of a terminal AWS failure, telling a foreign bucket apart from a denial. */
  private Outcome diagnose(BucketShare share, Context<BucketShare> context, AwsCallException e) {
    try {
      AwsAccount account = account(share, context);
      return BucketOwnership.diagnose(
          accounts.clientsFor(account).s3(), account, share.getSpec().getBucket().getName(), e);
    } catch (StalledException accountUnusable) {
      return Outcome.stalled(e.reason(), e.getMessage());
    }
  }
}
