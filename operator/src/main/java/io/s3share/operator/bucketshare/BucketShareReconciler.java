package io.s3share.operator.bucketshare;

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
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.kube.AccountEventSource;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.RetryOutcome;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.metrics.BucketShareMetrics;
import io.s3share.operator.sharingpolicy.GuardrailRequests;
import io.s3share.operator.sharingpolicy.SharingPolicyGuard;
import io.s3share.operator.status.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converges each BucketShare's grants into its bucket's policy: observe the account, plan the
 * bucket's policy from every share on it, write through {@link BucketPolicyWriter}, report.
 */
@ControllerConfiguration(name = "bucketshare")
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
  private volatile InformerEventSource<AwsAccount, BucketShare> accountSource;

  public BucketShareReconciler(
      AccountResolver accounts,
      BucketPolicyWriter writer,
      BucketPlanner planner,
      BucketShareStatuses statuses,
      EventRecorder events,
      Duration resync,
      SharingPolicyGuard<BucketShare> guard,
      BucketShareMetrics metrics) {
    this.guard = guard;
    this.metrics = metrics;
    this.accounts = accounts;
    this.writer = writer;
    this.planner = planner;
    this.statuses = statuses;
    this.events = events;
    this.resync = resync;
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
    return sources;
  }

  @Override
  public UpdateControl<BucketShare> reconcile(BucketShare share, Context<BucketShare> context) {
    Decision decision = guard.decide(GuardrailRequests.of(share));
    Converged converged;
    try {
      converged = converge(share, context, Optional.empty());
    } catch (StalledException e) {
      events.warning(share, e.reason(), e.getMessage());
      return statuses.update(share, Outcome.stalled(e.reason(), e.getMessage()), null, resync);
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e; // JOSDK retries with backoff; updateErrorStatus reports Reconciling meanwhile
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
    if (!decision.allowed()) {
      // The converge above left this share out of the bucket's policy: its grants are gone.
      Outcome denied = BucketShareStatuses.denied(share, decision);
      events.warning(share, denied.reason(), denied.message());
      return statuses.update(share, denied, result, List.of(), resync);
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
    return statuses.update(
        share,
        statuses.granted(share, converged.statementIds(), result),
        result,
        converged.statementIds(),
        resync);
  }

  @Override
  public ErrorStatusUpdateControl<BucketShare> updateErrorStatus(
      BucketShare share, Context<BucketShare> context, Exception e) {
    return statuses.error(share, RetryOutcome.of(e));
  }

  @Override
  public DeleteControl cleanup(BucketShare share, Context<BucketShare> context) {
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
      converge(share, context, Optional.of(share));
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

  /** The statement ids of this share and the writer's result. */
  private record Converged(List<String> statementIds, BucketPolicyWriter.Result result) {}

  private Converged converge(
      BucketShare share, Context<BucketShare> context, Optional<BucketShare> leaving) {
    AwsAccount account = account(share, context);
    var clients = accounts.clientsFor(account);
    String accountId = account.getSpec().getAccountId();
    BucketKey key = new BucketKey(accountId, share.getSpec().getBucket().getName());
    List<String> statementIds =
        leaving.isPresent()
            ? List.of()
            : planner.statementsOf(share).stream().map(s -> s.sid()).toList();
    var result =
        writer.converge(
            key,
            accountId,
            new S3BucketPolicies(clients.s3(), accountId),
            planner.planner(
                () -> sharesOn(key, context),
                leaving,
                other -> guard.decide(GuardrailRequests.of(other)).allowed()),
            BucketPlanner.id(share));
    return new Converged(statementIds, result);
  }

  /**
   * Every cached share on the bucket, through whichever AwsAccount names its account: the same
   * bucket reached through two AwsAccount names is planned as one.
   */
  private List<BucketShare> sharesOn(BucketKey key, Context<BucketShare> context) {
    return context.getPrimaryCache().byIndex(BY_BUCKET, key.bucket()).stream()
        .filter(share -> accountIdOf(share).filter(key.accountId()::equals).isPresent())
        .toList();
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
