package io.s3share.operator.sharedbucket;

import io.s3share.operator.api.v1alpha1.AccessLoggingStatus;
import io.s3share.operator.api.v1alpha1.AclGrantMigration;
import io.s3share.operator.api.v1alpha1.PublicAccessBlockStatus;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharedBucketStatus;
import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import io.s3share.operator.aws.PublicAccessBlockPort.Settings;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds a SharedBucket's status from what its converge observed; pure apart from the clock. */
public final class SharedBucketStatuses {

  private final Clock clock;

  public SharedBucketStatuses(Clock clock) {
    this.clock = clock;
  }

  /** A new status carrying over what the previous one observed, with conditions for the outcome. */
  SharedBucketStatus next(SharedBucket resource, Outcome outcome) {
    SharedBucketStatus previous = resource.getStatus();
    SharedBucketStatus next = new SharedBucketStatus();
    if (previous != null) {
      next.setObjectOwnership(previous.getObjectOwnership());
      next.setAclMigration(previous.getAclMigration());
      next.setAclGrants(previous.getAclGrants());
      next.setAclConditionStatements(previous.getAclConditionStatements());
      next.setBlockPublicAccess(previous.getBlockPublicAccess());
      next.setAccessLogging(previous.getAccessLogging());
      next.setLogDeliveryStatementBucket(previous.getLogDeliveryStatementBucket());
      next.setStatementIds(previous.getStatementIds());
    }
    return withOutcome(resource, next, outcome);
  }

  SharedBucketStatus withOutcome(
      SharedBucket resource, SharedBucketStatus status, Outcome outcome) {
    long generation =
        resource.getMetadata().getGeneration() == null
            ? 0L
            : resource.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setConditions(
        Conditions.from(
            outcome,
            generation,
            resource.getStatus() == null ? null : resource.getStatus().getConditions(),
            clock.instant()));
    return status;
  }

  static void migration(SharedBucketStatus status, AclMigration.Report report) {
    status.setObjectOwnership(report.ownership().orElse("None"));
    status.setAclMigration(report.step().name());
    if (report.step() == MigrationStep.NotRequested) {
      // Found, not moved: nothing replaces them until BucketOwnerEnforced is asked for.
      status.setAclGrants(
          report
              .translation()
              .map(
                  t ->
                      grants(t).stream()
                          .peek(
                              grant -> {
                                if (grant.getStatementId() != null) {
                                  grant.setStatementId(null);
                                  grant.setNote(
                                      "Still granted by the ACL; moved into the bucket policy once"
                                          + " objectOwnership is BucketOwnerEnforced.");
                                }
                              })
                          .toList())
              .orElse(null));
      return;
    }
    report.translation().ifPresent(t -> status.setAclGrants(merged(status.getAclGrants(), t)));
  }

  /**
   * The grants read now, after those moved into the policy earlier: once the ACL is private the
   * grants it had are gone from it, and status still says what replaced them.
   */
  private static List<AclGrantMigration> merged(
      List<AclGrantMigration> previous, AclTranslation.Result translation) {
    java.util.Map<String, AclGrantMigration> byGrant = new java.util.LinkedHashMap<>();
    Optional.ofNullable(previous).orElse(List.of()).stream()
        .filter(grant -> grant.getStatementId() != null)
        .forEach(grant -> byGrant.put(grant.getGrantee() + " " + grant.getPermission(), grant));
    grants(translation)
        .forEach(grant -> byGrant.put(grant.getGrantee() + " " + grant.getPermission(), grant));
    return List.copyOf(byGrant.values());
  }

  static List<AclGrantMigration> grants(AclTranslation.Result translation) {
    return translation.grants().stream()
        .map(
            t -> {
              AclGrantMigration grant = new AclGrantMigration();
              grant.setGranteeType(t.grant().type().name());
              grant.setGrantee(t.grant().id());
              grant.setPermission(t.grant().permission());
              grant.setActions(t.actions().isEmpty() ? null : t.actions());
              grant.setStatementId(t.sid());
              grant.setNote(t.note());
              return grant;
            })
        .toList();
  }

  static PublicAccessBlockStatus blockPublicAccess(Settings settings) {
    PublicAccessBlockStatus status = new PublicAccessBlockStatus();
    status.setBlockPublicAcls(settings.blockPublicAcls());
    status.setIgnorePublicAcls(settings.ignorePublicAcls());
    status.setBlockPublicPolicy(settings.blockPublicPolicy());
    status.setRestrictPublicBuckets(settings.restrictPublicBuckets());
    return status;
  }

  static AccessLoggingStatus logging(Optional<LogTarget> target) {
    return target
        .map(
            t -> {
              AccessLoggingStatus spec = new AccessLoggingStatus();
              spec.setEnabled(true);
              spec.setTargetBucket(t.bucket());
              spec.setTargetPrefix(t.prefix());
              return spec;
            })
        .orElse(null);
  }

  /** The Ready outcome: what the bucket's posture now is. */
  static Outcome converged(SharedBucket resource, SharedBucketStatus status) {
    StringBuilder message =
        new StringBuilder("Bucket ").append(resource.getSpec().getBucket()).append(": ");
    message.append("Object Ownership ").append(status.getObjectOwnership());
    if ("Enforced".equals(status.getAclMigration())) {
      long moved =
          Optional.ofNullable(status.getAclGrants()).orElse(List.of()).stream()
              .filter(g -> g.getStatementId() != null)
              .count();
      message.append(", ACLs off");
      if (moved > 0) {
        message.append(" (").append(moved).append(" grant(s) moved into the bucket policy)");
      }
    }
    PublicAccessBlockStatus bpa = status.getBlockPublicAccess();
    boolean allOn =
        bpa != null
            && Boolean.TRUE.equals(bpa.getBlockPublicAcls())
            && Boolean.TRUE.equals(bpa.getIgnorePublicAcls())
            && Boolean.TRUE.equals(bpa.getBlockPublicPolicy())
            && Boolean.TRUE.equals(bpa.getRestrictPublicBuckets());
    message.append(allOn ? ", Block Public Access all on" : ", Block Public Access not all on");
    message.append(
        status.getAccessLogging() == null
            ? ", access logging off."
            : ", access logging to " + status.getAccessLogging().getTargetBucket() + ".");
    if (status.getAclConditionStatements() != null
        && !status.getAclConditionStatements().isEmpty()) {
      message
          .append(" Statements ")
          .append(status.getAclConditionStatements())
          .append(" test s3:x-amz-acl or s3:x-amz-grant-*: with ACLs off only")
          .append(" bucket-owner-full-control or no ACL is accepted; review them.");
    }
    return Outcome.ready("Converged", message.toString());
  }
}
