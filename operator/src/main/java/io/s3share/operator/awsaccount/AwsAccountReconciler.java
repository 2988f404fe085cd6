package io.s3share.operator.awsaccount;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountStatus;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.IdentityPort.CallerIdentity;
import io.s3share.operator.aws.StsIdentity;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the operator can reach each AwsAccount as the account it claims to be, and keeps an
 * account that shares or roles still use until they are gone.
 */
@ControllerConfiguration(name = "awsaccount")
public final class AwsAccountReconciler implements Reconciler<AwsAccount>, Cleaner<AwsAccount> {

  private static final Logger log = LoggerFactory.getLogger(AwsAccountReconciler.class);
  private static final Duration IN_USE_RECHECK = Duration.ofSeconds(30);

  private final AccountResolver accounts;
  private final Clock clock;
  private final Duration resync;
  private final ReferrerSources referrers;

  /**
   * @param watchNamespaces where shares and roles are watched; empty means all namespaces
   */
  public AwsAccountReconciler(
      AccountResolver accounts, Clock clock, Duration resync, Set<String> watchNamespaces) {
    this.accounts = accounts;
    this.clock = clock;
    this.resync = resync;
    this.referrers = new ReferrerSources(watchNamespaces);
  }

  @Override
  public List<EventSource<?, AwsAccount>> prepareEventSources(
      EventSourceContext<AwsAccount> context) {
    return referrers.eventSources(context);
  }

  @Override
  public UpdateControl<AwsAccount> reconcile(AwsAccount account, Context<AwsAccount> context) {
    AwsAccountStatus next = new AwsAccountStatus();
    Outcome outcome = check(account, next);
    AwsAccountStatus previous = account.getStatus();
    next.setObservedGeneration(account.getMetadata().getGeneration());
    next.setConditions(
        Conditions.from(
            outcome,
            account.getMetadata().getGeneration(),
            previous == null ? null : previous.getConditions(),
            clock.instant()));
    Duration requeue =
        outcome.state() == Outcome.State.RECONCILING ? Duration.ofSeconds(30) : resync;
    if (sameStatus(previous, next)) {
      // Nothing new to say: a resync or a retry that found the account as before stays silent.
      return UpdateControl.<AwsAccount>noUpdate().rescheduleAfter(requeue);
    }
    log.info(
        "account {}: {} ({}): {}",
        account.getMetadata().getName(),
        outcome.state(),
        outcome.reason(),
        outcome.message());
    return UpdateControl.patchStatus(StatusPatches.of(account, next, AwsAccount::new))
        .rescheduleAfter(requeue);
  }

  /**
   * Deleting an account that shares or roles still use would leave their finalizers unable to reach
   * AWS, for ever: like a PersistentVolumeClaim in use, the account waits for them. A referrer's
   * deletion wakes it; the requeue only covers a referrer that moved to another account.
   */
  @Override
  public DeleteControl cleanup(AwsAccount account, Context<AwsAccount> context) {
    String name = account.getMetadata().getName();
    Referrers inUse = referrers.of(context, name);
    if (!inUse.none()) {
      // Said once, and again only when the referrers change, not on every recheck.
      if (patchStatusNow(context, account, Outcome.reconciling("InUse", inUse.message(name)))) {
        log.info(
            "account {} is deleted but still in use by {} share(s), {} role(s) and {}"
                + " SharedBucket(s); keeping it",
            name,
            inUse.shares().size(),
            inUse.roles().size(),
            inUse.sharedBuckets().size());
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(IN_USE_RECHECK);
    }
    accounts.forget(name);
    return DeleteControl.defaultDelete();
  }

  /**
   * JOSDK cannot patch status from a cleanup result.
   *
   * @return whether the status changed
   */
  private boolean patchStatusNow(Context<AwsAccount> context, AwsAccount account, Outcome outcome) {
    AwsAccountStatus previous = account.getStatus();
    AwsAccountStatus next = new AwsAccountStatus();
    next.setCallerArn(previous == null ? null : previous.getCallerArn());
    next.setObservedGeneration(account.getMetadata().getGeneration());
    next.setConditions(
        Conditions.from(
            outcome,
            account.getMetadata().getGeneration(),
            previous == null ? null : previous.getConditions(),
            clock.instant()));
    if (sameStatus(previous, next)) {
      return false;
    }
    try {
      context
          .getClient()
          .resource(StatusPatches.of(account, next, AwsAccount::new))
          .subresource("status")
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.SERVER_SIDE_APPLY)
                  .withFieldManager(StatusPatches.FIELD_MANAGER)
                  .withForce(true)
                  .build());
    } catch (KubernetesClientException e) {
      log.warn(
          "could not patch status of account {}: {}",
          account.getMetadata().getName(),
          e.getMessage());
    }
    return true;
  }

  private Outcome check(AwsAccount account, AwsAccountStatus status) {
    String expected = account.getSpec().getAccountId();
    try {
      var clients = accounts.clientsFor(account);
      CallerIdentity identity = new StsIdentity(clients.sts(), expected).whoAmI();
      status.setCallerArn(identity.arn());
      if (!expected.equals(identity.account())) {
        return Outcome.stalled(
            "AccountMismatch",
            "The operator's credentials act in account "
                + identity.account()
                + " ("
                + identity.arn()
                + "), not "
                + expected
                + ". Fix spec.accountId or spec.assumeRole.roleArn.");
      }
      return Outcome.ready(
          "Reachable", "The operator acts in account " + expected + " as " + identity.arn() + ".");
    } catch (StalledException e) {
      return Outcome.stalled(e.reason(), e.getMessage());
    } catch (AwsCallException e) {
      return e.isRetryable()
          ? Outcome.reconciling(e.reason(), e.getMessage())
          : Outcome.stalled(e.reason(), e.getMessage());
    }
  }

  private static boolean sameStatus(AwsAccountStatus previous, AwsAccountStatus next) {
    return StatusPatches.same(previous, next);
  }
}
