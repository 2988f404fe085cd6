package io.s3share.operator.sharedbucket;

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
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharedBucketStatus;
import io.s3share.operator.aws.AclRefusedException;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.Regions;
import io.s3share.operator.bucketshare.BucketPolicyWriter;
import io.s3share.operator.kube.AccountEventSource;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.RetryOutcome;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.posture.PostureReports;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.status.StatusPatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one bucket's posture as its SharedBucket declares: the ACL migration, Block Public
 * Access, access logging; reports what AWS shows. Bucket-policy statements go through the same
 * per-bucket writer as BucketShares'.
 */
@ControllerConfiguration(name = "sharedbucket")
@GradualRetry(
    maxAttempts = 10,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 120_000)
public final class SharedBucketReconciler
    implements Reconciler<SharedBucket>, Cleaner<SharedBucket> {

  private static final Logger log = LoggerFactory.getLogger(SharedBucketReconciler.class);
  static final String BY_BUCKET = "byBucket";
  private static final Duration PENDING_REQUEUE = Duration.ofSeconds(5);

  /** AWS-side stalls raise no Kubernetes event: look again at least this often. */
  private static final Duration AWS_STALL_RECHECK = Duration.ofMinutes(1);

  private final AccountResolver accounts;
  private final BucketPolicyWriter writer;
  private final String installationId;
  private final SharedBucketStatuses statuses;
  private final EventRecorder events;
  private final Duration resync;
  private final PostureReports posture;
  private volatile InformerEventSource<AwsAccount, SharedBucket> accountSource;

  public SharedBucketReconciler(
      AccountResolver accounts,
      BucketPolicyWriter writer,
      String installationId,
      SharedBucketStatuses statuses,
      EventRecorder events,
      Duration resync,
      PostureReports posture) {
    this.accounts = accounts;
    this.posture = posture;
    this.writer = writer;
    this.installationId = installationId;
    this.statuses = statuses;
    this.events = events;
    this.resync = resync;
  }

  @Override
  public List<EventSource<?, SharedBucket>> prepareEventSources(
      EventSourceContext<SharedBucket> context) {
    context
        .getPrimaryCache()
        .addIndexer(BY_BUCKET, resource -> List.of(resource.getSpec().getBucket()));
    accountSource =
        AccountEventSource.of(
            context, SharedBucket.class, resource -> resource.getSpec().getAccountRef());
    return List.of(accountSource);
  }

  @Override
  public UpdateControl<SharedBucket> reconcile(
      SharedBucket resource, Context<SharedBucket> context) {
    SharedBucketStatus status = statuses.next(resource, Outcome.reconciling("Converging", "."));
    Outcome outcome;
    try {
      outcome = converge(resource, context, status);
    } catch (StalledException e) {
      outcome = Outcome.stalled(e.reason(), e.getMessage());
    } catch (AclRefusedException e) {
      outcome = Outcome.stalled("AclRefused", e.getMessage());
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e;
      }
      outcome = Outcome.stalled(e.reason(), e.getMessage());
    }
    statuses.withOutcome(resource, status, outcome);
    Duration requeue =
        switch (outcome.state()) {
          case READY -> resync;
          case RECONCILING -> PENDING_REQUEUE;
          case STALLED -> resync.compareTo(AWS_STALL_RECHECK) < 0 ? resync : AWS_STALL_RECHECK;
        };
    if (StatusPatches.same(resource.getStatus(), status)) {
      return UpdateControl.<SharedBucket>noUpdate().rescheduleAfter(requeue);
    }
    // What the shares on the bucket report of its posture is out of date: let them read it again.
    context
        .getSecondaryResource(AwsAccount.class)
        .ifPresent(
            account ->
                posture.bucketChanged(
                    account.getSpec().getAccountId(), resource.getSpec().getBucket()));
    if (outcome.isReady()) {
      events.normal(resource, outcome.reason(), outcome.message());
    } else {
      events.warning(resource, outcome.reason(), outcome.message());
    }
    log.info(
        "sharedbucket {}: {} ({}): {}",
        resource.getMetadata().getName(),
        outcome.state(),
        outcome.reason(),
        outcome.message());
    return UpdateControl.patchStatus(StatusPatches.of(resource, status, SharedBucket::new))
        .rescheduleAfter(requeue);
  }

  private Outcome converge(
      SharedBucket resource, Context<SharedBucket> context, SharedBucketStatus status) {
    AwsAccount account = account(resource, context);
    refuseDuplicate(resource, context, account.getSpec().getAccountId());
    BucketAccess aws = access(account);
    var spec = resource.getSpec();
    String bucket = spec.getBucket();
    BucketStatementSids sids = sids(resource);
    String subject = subject(resource);

    AclMigration.Report migration =
        AclMigration.converge(
            aws, bucket, Optional.ofNullable(spec.getObjectOwnership()), sids, subject);
    SharedBucketStatuses.migration(status, migration);
    if (migration.pending().isPresent()) {
      return migration.pending().get();
    }
    status.setBlockPublicAccess(
        SharedBucketStatuses.blockPublicAccess(
            PublicAccessAndLogging.blockPublicAccess(aws, bucket, spec.getBlockPublicAccess())));
    PublicAccessAndLogging.Logging logging =
        PublicAccessAndLogging.accessLogging(
            aws,
            bucket,
            Optional.ofNullable(spec.getAccessLogging()),
            Optional.ofNullable(status.getLogDeliveryStatementBucket()),
            sids,
            subject);
    status.setAccessLogging(SharedBucketStatuses.logging(logging.logging()));
    status.setLogDeliveryStatementBucket(logging.statementBucket().orElse(null));
    Optional<String> policy = aws.policies().read(bucket);
    status.setAclConditionStatements(emptyToNull(AclConditionStatements.in(policy)));
    List<String> owned =
        new ArrayList<>(OwnedStatementsPlanner.exactly(sids, List.of()).ownedIn(policy));
    if (logging.statementBucket().isPresent()) {
      owned.addAll(
          OwnedStatementsPlanner.exactly(sids, List.of())
              .ownedIn(aws.policies().read(logging.statementBucket().get())));
    }
    status.setStatementIds(emptyToNull(owned));
    if (logging.raced()) {
      return Outcome.reconciling(
          "ConcurrentPolicyWrite",
          "Another writer changed the policy of the log target right after ours; converging again.");
    }
    return SharedBucketStatuses.converged(resource, status);
  }

  @Override
  public ErrorStatusUpdateControl<SharedBucket> updateErrorStatus(
      SharedBucket resource, Context<SharedBucket> context, Exception e) {
    var retry = context.getRetryInfo();
    Outcome outcome = RetryOutcome.of(resource, e, retry, resync);
    log.warn(
        "sharedbucket {}: {} ({})",
        resource.getMetadata().getName(),
        outcome.reason(),
        e.toString());
    SharedBucketStatus status = statuses.next(resource, outcome);
    return RetryOutcome.slowAfterLast(
        ErrorStatusUpdateControl.patchStatus(StatusPatches.of(resource, status, SharedBucket::new)),
        retry,
        resync);
  }

  /**
   * Retain leaves AWS as it is. Delete removes the statements this SharedBucket wrote; it never
   * turns ACLs back on or changes Block Public Access or logging settings.
   */
  @Override
  public DeleteControl cleanup(SharedBucket resource, Context<SharedBucket> context) {
    if (resource.getSpec().getDeletionPolicy() != DeletionPolicy.Delete) {
      events.normal(
          resource,
          "PostureRetained",
          "Deleted; bucket "
              + resource.getSpec().getBucket()
              + " keeps its settings and statements.");
      return DeleteControl.defaultDelete();
    }
    Optional<AwsAccount> account = context.getSecondaryResource(AwsAccount.class);
    if (account.isEmpty()) {
      events.warning(
          resource,
          "AccountNotFound",
          "AwsAccount "
              + resource.getSpec().getAccountRef()
              + " is gone: the statements of this SharedBucket stay where they are.");
      return DeleteControl.defaultDelete();
    }
    try {
      BucketAccess aws = access(account.get());
      BucketStatementSids sids = sids(resource);
      PublicAccessAndLogging.removeStatements(
          aws, resource.getSpec().getBucket(), sids, subject(resource));
      Optional.ofNullable(resource.getStatus())
          .map(SharedBucketStatus::getLogDeliveryStatementBucket)
          .ifPresent(
              target ->
                  PublicAccessAndLogging.removeStatements(aws, target, sids, subject(resource)));
      events.normal(
          resource,
          "StatementsRemoved",
          "Removed this SharedBucket's bucket-policy statements; bucket settings left as they are.");
      return DeleteControl.defaultDelete();
    } catch (AwsCallException | StalledException e) {
      events.warning(resource, "CleanupFailed", e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
    }
  }

  private BucketAccess access(AwsAccount account) {
    String accountId = account.getSpec().getAccountId();
    String partition = Regions.partition(account.getSpec().getRegion()).orElse("aws");
    return BucketAccess.of(accounts.clientsFor(account), accountId, partition, writer);
  }

  private BucketStatementSids sids(SharedBucket resource) {
    return new BucketStatementSids(installationId, resource.getMetadata().getName());
  }

  private static String subject(SharedBucket resource) {
    return "SharedBucket/" + resource.getMetadata().getName();
  }

  private static AwsAccount account(SharedBucket resource, Context<SharedBucket> context) {
    return context
        .getSecondaryResource(AwsAccount.class)
        .orElseThrow(
            () ->
                new StalledException(
                    "AccountNotFound",
                    "AwsAccount "
                        + resource.getSpec().getAccountRef()
                        + " does not exist. Create it, or fix spec.accountRef."));
  }

  /** One SharedBucket per (account id, bucket): the oldest one declares the bucket's posture. */
  private void refuseDuplicate(
      SharedBucket resource, Context<SharedBucket> context, String accountId) {
    Optional<SharedBucket> first =
        context.getPrimaryCache().byIndex(BY_BUCKET, resource.getSpec().getBucket()).stream()
            .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
            .filter(other -> accountIdOf(other).filter(accountId::equals).isPresent())
            .min(
                java.util.Comparator.comparing(
                        (SharedBucket other) -> other.getMetadata().getCreationTimestamp(),
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                    .thenComparing(other -> other.getMetadata().getName()));
    if (first.isPresent()
        && !first.get().getMetadata().getName().equals(resource.getMetadata().getName())) {
      throw new StalledException(
          "DuplicateSharedBucket",
          "SharedBucket "
              + first.get().getMetadata().getName()
              + " already declares the posture of bucket "
              + resource.getSpec().getBucket()
              + " in account "
              + accountId
              + ". Only one SharedBucket may exist per bucket: delete this one, or merge its"
              + " settings into "
              + first.get().getMetadata().getName()
              + ".");
    }
  }

  private Optional<String> accountIdOf(SharedBucket resource) {
    return accountSource
        .get(new ResourceID(resource.getSpec().getAccountRef()))
        .map(account -> account.getSpec().getAccountId());
  }

  private static List<String> emptyToNull(List<String> values) {
    return values.isEmpty() ? null : values;
  }
}
