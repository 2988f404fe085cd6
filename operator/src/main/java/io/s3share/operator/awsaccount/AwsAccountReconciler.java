package io.s3share.operator.awsaccount;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the operator can reach each AwsAccount as the account it claims to be. */
@ControllerConfiguration(name = "awsaccount")
public final class AwsAccountReconciler implements Reconciler<AwsAccount>, Cleaner<AwsAccount> {

  private static final Logger log = LoggerFactory.getLogger(AwsAccountReconciler.class);

  private final AccountResolver accounts;
  private final Clock clock;
  private final Duration resync;

  public AwsAccountReconciler(AccountResolver accounts, Clock clock, Duration resync) {
    this.accounts = accounts;
    this.clock = clock;
    this.resync = resync;
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
      return UpdateControl.<AwsAccount>noUpdate().rescheduleAfter(requeue);
    }
    return UpdateControl.patchStatus(StatusPatches.of(account, next, AwsAccount::new))
        .rescheduleAfter(requeue);
  }

  @Override
  public DeleteControl cleanup(AwsAccount account, Context<AwsAccount> context) {
    accounts.forget(account.getMetadata().getName());
    return DeleteControl.defaultDelete();
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
      log.info("account {} not reachable: {}", account.getMetadata().getName(), e.getMessage());
      return e.isRetryable()
          ? Outcome.reconciling(e.reason(), e.getMessage())
          : Outcome.stalled(e.reason(), e.getMessage());
    }
  }

  private static boolean sameStatus(AwsAccountStatus previous, AwsAccountStatus next) {
    return StatusPatches.same(previous, next);
  }
}
