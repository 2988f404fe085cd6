package io.s3share.operator.bucketshare;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import io.s3share.operator.status.Progress;
import io.s3share.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds BucketShare status from an outcome, and patches it only when it changed. */
public final class BucketShareStatuses {

  private static final Logger log = LoggerFactory.getLogger(BucketShareStatuses.class);

  private final Clock clock;

  public BucketShareStatuses(Clock clock) {
    this.clock = clock;
  }

  /**
   * A status that keeps the statement ids already recorded; see the other overload. The writer's
   * result is taken for the overloads' sake only: nothing bucket-wide goes into a share's status.
   */
  public UpdateControl<BucketShare> update(
      BucketShare share, Outcome outcome, BucketPolicyWriter.Result result, Duration requeue) {
    return update(share, outcome, result, null, requeue);
  }

  /**
   * The status for {@code outcome}; patched only when different from the stored one.
   *
   * @param statementIds the Sids carrying the share's grants; empty when the converge left the
   *     share out of the policy, null when this outcome says nothing about them (the recorded ones
   *     are kept, so that deletion knows whether the share ever wrote anything)
   */
  public UpdateControl<BucketShare> update(
      BucketShare share,
      Outcome outcome,
      BucketPolicyWriter.Result result,
      List<String> statementIds,
      Duration requeue) {
    return update(share, outcome, result, statementIds, requeue, status -> {});
  }

  /**
   * Same as above, with the parts of status that depend on the method the share is granted through
   * (see {@code AccessPointStatuses}).
   */
  public UpdateControl<BucketShare> update(
      BucketShare share,
      Outcome outcome,
      BucketPolicyWriter.Result result,
      List<String> statementIds,
      Duration requeue,
      java.util.function.Consumer<BucketShareStatus> method) {
    BucketShareStatus next = build(share, outcome);
    if (statementIds != null) {
      next.setStatementIds(statementIds.isEmpty() ? null : statementIds);
      if (statementIds.isEmpty()) {
        // Nothing of the share is granted: there is no access left to judge.
        next.setEffectiveAccess(null);
      }
    }
    method.accept(next);
    if (same(share.getStatus(), next)) {
      return UpdateControl.<BucketShare>noUpdate().rescheduleAfter(requeue);
    }
    return UpdateControl.patchStatus(statusPatch(share, next)).rescheduleAfter(requeue);
  }

  /** The status after a failed attempt that JOSDK will retry. */
  public ErrorStatusUpdateControl<BucketShare> error(BucketShare share, Outcome outcome) {
    BucketShareStatus next = build(share, outcome);
    if (same(share.getStatus(), next)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    return ErrorStatusUpdateControl.patchStatus(statusPatch(share, next));
  }

  /**
   * Before any AWS call on a generation that status does not report yet: Reconciling at once, so
   * that a slow AWS shows as work in progress (see {@link Progress}). Applied as the controller's
   * own field manager, the one JOSDK patches status with at the end of the reconcile: conditions
   * are a list map keyed by type, and a Reconciling entry owned by another manager would outlive
   * that patch and stay next to Ready=True.
   */
  public void progressing(Context<BucketShare> context, BucketShare share) {
    if (Progress.pending(share, share.getStatus())) {
      apply(
          context.getClient(),
          share,
          build(share, Progress.outcome(share)),
          context.getControllerConfiguration().fieldManager());
    }
  }

  /** Patches status outside a reconcile result (JOSDK cannot patch status from cleanup). */
  public void patchNow(KubernetesClient client, BucketShare share, Outcome outcome) {
    BucketShareStatus next = build(share, outcome);
    if (same(share.getStatus(), next)) {
      return;
    }
    apply(client, share, next, StatusPatches.FIELD_MANAGER);
  }

  private static void apply(
      KubernetesClient client, BucketShare share, BucketShareStatus next, String fieldManager) {
    try {
      client
          .resource(statusPatch(share, next))
          .subresource("status")
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.SERVER_SIDE_APPLY)
                  .withFieldManager(fieldManager)
                  .withForce(true)
                  .build());
    } catch (KubernetesClientException e) {
      log.warn("could not patch status of {}: {}", BucketPlanner.id(share), e.getMessage());
    }
  }

  /**
   * Says only what belongs to the share: the bucket's policy size changes whenever another share
   * joins or leaves, and reporting it here would patch every share on the bucket each time. The
   * size is a metric of the bucket (see {@code BucketPolicyMetrics}).
   */
  public Outcome granted(BucketShare share, List<String> statementIds) {
    return Outcome.ready(
        "Granted",
        "Granted "
            + share.getSpec().getAccess()
            + " on bucket "
            + share.getSpec().getBucket().getName()
            + " to "
            + share.getSpec().getConsumers().size()
            + " consumer(s) in "
            + statementIds.size()
            + " statement(s).");
  }

  /**
   * A share whose principals S3 refused. IAM takes a while to make a new role or account known to
   * S3, so a young share waits; after this, only a change to the spec or to IAM can help.
   */
  static final Duration PRINCIPAL_PROPAGATION = Duration.ofMinutes(5);

  public Outcome refusedPrincipal(BucketShare share) {
    String bucket = share.getSpec().getBucket().getName();
    String consumers = consumersOf(share);
    String others = " The other shares on bucket " + bucket + " are not held up.";
    if (young(share)) {
      return Outcome.reconciling(
          "WaitingForPrincipal",
          "S3 does not accept a principal of this share yet (Invalid principal in policy): "
              + consumers
              + ". A role or account created moments ago takes a few minutes to reach S3;"
              + " retrying. Until then nothing of this share is in the policy."
              + others);
    }
    return Outcome.stalled(
        "InvalidPrincipal",
        "S3 refuses a principal of this share as invalid (Invalid principal in policy): "
            + consumers
            + ". Check that each account, role and organization exists, or fix spec.consumers."
            + " Nothing of this share is in the policy; it is tried again at each resync."
            + others);
  }

  public Outcome danglingPrincipal(BucketShare share, List<String> roles, Duration resync) {
    return Outcome.stalled(
        "DanglingPrincipal",
        "Role "
            + String.join(", ", roles)
            + " no longer exists: AWS replaced it in the policy of bucket "
            + share.getSpec().getBucket().getName()
            + " with the role's unique id, which a re-created role does not match. Re-create"
            + " the role, and its grant is written again at the next resync (every "
            + resync
            + "), or remove it from spec.consumers.");
  }

  public Outcome installationConflict(BucketShare share, java.util.Set<String> sids) {
    return Outcome.stalled(
        "InstallationIdConflict",
        "Statements under this operator's Sid prefix that no BucketShare here explains ("
            + String.join(", ", new java.util.TreeSet<>(sids))
            + ") came back to the policy of bucket "
            + share.getSpec().getBucket().getName()
            + " after the operator removed them: another cluster's operator most likely runs"
            + " with the same installation id. Give each cluster its own id with"
            + " S3SHARE_INSTALLATION_ID (see docs/tenancy.md). Until then the operator leaves"
            + " those statements in place rather than fight over them; this share's own grants"
            + " are in the policy.");
  }

  private boolean young(BucketShare share) {
    String created = share.getMetadata().getCreationTimestamp();
    return created == null
        || Duration.between(java.time.Instant.parse(created), clock.instant())
                .compareTo(PRINCIPAL_PROPAGATION)
            < 0;
  }

  private static String consumersOf(BucketShare share) {
    return share.getSpec().getConsumers().stream()
        .map(
            c ->
                c.getAccountId() != null
                    ? c.getAccountId()
                    : c.getRoleArn() != null ? c.getRoleArn() : c.getOrganizationId())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  public Outcome tooLarge(BucketShare share, BucketPolicyWriter.Result r) {
    return Outcome.stalled(
        "PolicyTooLarge",
        "Adding this share would take the policy of bucket "
            + share.getSpec().getBucket().getName()
            + " over S3's limit of "
            + MergeResult.BUCKET_POLICY_LIMIT_BYTES
            + " bytes (older shares and foreign statements already use "
            + r.sizeBytes()
            + "). Nothing was granted. Share fewer prefixes, give consumers identical access"
            + " so their statements compact into one, or split the data across buckets.");
  }

  public String writeMessage(BucketShare share, BucketPolicyWriter.Result r) {
    return (r.action() == BucketPolicyWriter.Action.DELETED
        ? "Deleted the policy of bucket "
            + share.getSpec().getBucket().getName()
            + ": no statements remained"
        : "Wrote the policy of bucket "
            + share.getSpec().getBucket().getName()
            + " ("
            + r.sizeBytes()
            + " bytes)");
  }

  /** Whether the share never had a statement of its own in the bucket policy. */
  static boolean neverWrote(BucketShare share) {
    return share.getStatus() == null
        || share.getStatus().getStatementIds() == null
        || share.getStatus().getStatementIds().isEmpty();
  }

  static String escapeHatch(BucketShare share) {
    return " To delete the share without touching AWS, set the annotation "
        + Annotations.ABANDON_AWS_RESOURCES
        + ": \"true\" on it; its statements "
        + Optional.ofNullable(share.getStatus())
            .map(s -> s.getStatementIds())
            .filter(ids -> !ids.isEmpty())
            .map(ids -> "(" + String.join(", ", ids) + ") ")
            .orElse("")
        + "then stay in the policy of bucket "
        + share.getSpec().getBucket().getName()
        + " for you to remove.";
  }

  /** The same message whether this visit removed the grants or an earlier one did: no flapping. */
  static Outcome denied(BucketShare share, Decision decision) {
    return Outcome.stalled(
        Decision.DENIED_REASON,
        decision.message()
            + " Its grants are not in the policy of bucket "
            + share.getSpec().getBucket().getName()
            + ": any it had were removed.");
  }

  /** The consumer roles of this share that AWS shows as unique ids: deleted roles. */
  static List<String> danglingOf(BucketShare share, BucketPolicyWriter.Result result) {
    return share.getSpec().getConsumers().stream()
        .map(consumer -> consumer.getRoleArn())
        .filter(arn -> arn != null && result.dangling().contains(arn))
        .toList();
  }

  private BucketShareStatus build(BucketShare share, Outcome outcome) {
    BucketShareStatus previous = share.getStatus();
    long generation = share.getMetadata().getGeneration();
    BucketShareStatus next = new BucketShareStatus();
    next.setObservedGeneration(generation);
    next.setConditions(
        Conditions.from(
            outcome,
            generation,
            previous == null ? null : previous.getConditions(),
            clock.instant()));
    if (previous != null) {
      next.setStatementIds(previous.getStatementIds());
      next.setGrantedVia(previous.getGrantedVia());
      next.setGrantedViaReason(previous.getGrantedViaReason());
      next.setAccessPoint(previous.getAccessPoint());
      next.setAccessPointPolicy(previous.getAccessPointPolicy());
      next.setConsumerPolicy(previous.getConsumerPolicy());
      next.setEffectiveAccess(previous.getEffectiveAccess());
      next.setKeyPolicy(previous.getKeyPolicy());
      next.setPosture(previous.getPosture());
    }
    return next;
  }

  private static BucketShare statusPatch(BucketShare share, BucketShareStatus status) {
    return StatusPatches.of(share, status, BucketShare::new);
  }

  private static boolean same(BucketShareStatus previous, BucketShareStatus next) {
    return StatusPatches.same(previous, next);
  }
}
