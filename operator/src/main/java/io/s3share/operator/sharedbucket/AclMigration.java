package io.s3share.operator.sharedbucket;

import io.s3share.operator.api.v1alpha1.ObjectOwnership;
import io.s3share.operator.aws.AclRefusedException;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.bucketshare.BucketPolicyWriter;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.status.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a bucket from ACLs to BucketOwnerEnforced in AWS's documented order: the ACL's
 * cross-account grants into bucket-policy statements (through the bucket's single writer), then the
 * ACL reset to private, then BucketOwnerEnforced. Each reconcile resumes from what AWS shows.
 */
final class AclMigration {

  private static final Logger log = LoggerFactory.getLogger(AclMigration.class);
  static final String ENFORCED = ObjectOwnership.BucketOwnerEnforced.name();

  private AclMigration() {}

  /**
   * @param step how far it got
   * @param ownership the Object Ownership as AWS has it now; empty when the bucket has none
   * @param translation the ACL's grants and what replaced them, when the ACL was read
   * @param pending why it is not done yet: Reconciling when it goes on by itself, Stalled when a
   *     person must decide
   */
  record Report(
      MigrationStep step,
      Optional<String> ownership,
      Optional<AclTranslation.Result> translation,
      Optional<Outcome> pending) {}

  static Report converge(
      BucketAccess aws,
      String bucket,
      Optional<ObjectOwnership> desired,
      BucketStatementSids sids,
      String subject) {
    Optional<String> ownership = aws.ownership().read(bucket);
    if (desired.isPresent()
        && desired.get() != ObjectOwnership.BucketOwnerEnforced
        && !ownership.equals(Optional.of(desired.get().name()))) {
      aws.ownership().write(bucket, desired.get().name());
      log.info(
          "account {} bucket {}: set Object Ownership {}", aws.accountId(), bucket, desired.get());
      ownership = aws.ownership().read(bucket);
    }
    if (desired.filter(ObjectOwnership.BucketOwnerEnforced::equals).isEmpty()) {
      // Not asked to migrate: the grants are only reported, while ACLs still count.
      Optional<AclTranslation.Result> found =
          ownership.equals(Optional.of(ENFORCED))
              ? Optional.empty()
              : aws.acls()
                  .read(bucket)
                  .map(
                      acl ->
                          AclTranslation.translate(
                              aws.partition(), bucket, aws.accountId(), acl, sids));
      return new Report(MigrationStep.NotRequested, ownership, found, Optional.empty());
    }
    if (ownership.equals(Optional.of(ENFORCED))) {
      // ACLs no longer count: nothing is left to translate, whatever the ACL still lists.
      return new Report(MigrationStep.Enforced, ownership, Optional.empty(), Optional.empty());
    }
    Acl acl =
        aws.acls()
            .read(bucket)
            .orElseThrow(
                () ->
                    new StalledException(
                        "BucketNotFound",
                        "Bucket " + bucket + " does not exist in account " + aws.accountId()));
    AclTranslation.Result translation =
        AclTranslation.translate(aws.partition(), bucket, aws.accountId(), acl, sids);
    Optional<Outcome> refused = untranslatable(bucket, translation);
    if (refused.isPresent()) {
      return new Report(MigrationStep.Blocked, ownership, Optional.of(translation), refused);
    }
    BucketPolicyWriter.Result written =
        aws.converge(
            bucket, OwnedStatementsPlanner.adding(sids, translation.statements()), subject);
    if (written.action() == BucketPolicyWriter.Action.WRITTEN) {
      log.info(
          "account {} bucket {}: bucket policy holds the statements that replace its ACL grants: {}",
          aws.accountId(),
          bucket,
          translation.statements().stream().map(st -> st.path("Sid").asText()).toList());
    }
    if (written.action() == BucketPolicyWriter.Action.RACED) {
      return new Report(
          MigrationStep.Translating,
          ownership,
          Optional.of(translation),
          Optional.of(
              Outcome.reconciling(
                  "ConcurrentPolicyWrite",
                  "Another writer changed the bucket policy right after ours; converging again"
                      + " before the ACL is touched.")));
    }
    if (translation.grantsOthers()) {
      try {
        aws.acls().makePrivate(bucket);
        log.info(
            "account {} bucket {}: reset the ACL to private; its grants are in the bucket policy",
            aws.accountId(),
            bucket);
      } catch (AclRefusedException e) {
        if (e.kind() != AclRefusedException.Kind.ACLS_ALREADY_OFF) {
          throw e;
        }
        // Someone enforced ownership meanwhile: ACLs are off, which is where this was going.
        ownership = aws.ownership().read(bucket);
        if (ownership.equals(Optional.of(ENFORCED))) {
          return new Report(
              MigrationStep.Enforced, ownership, Optional.of(translation), Optional.empty());
        }
        return pending(
            ownership,
            translation,
            MigrationStep.GrantsTranslated,
            "AclsAlreadyOff",
            "S3 answered that ACLs are off on bucket "
                + bucket
                + " although its Object Ownership reads "
                + ownership.orElse("None")
                + "; reading again.");
      }
    }
    try {
      aws.ownership().write(bucket, ENFORCED);
      log.info(
          "account {} bucket {}: set Object Ownership BucketOwnerEnforced",
          aws.accountId(),
          bucket);
    } catch (AclRefusedException e) {
      if (e.kind() != AclRefusedException.Kind.ACL_STILL_GRANTS) {
        throw e;
      }
      // The ACL gained a grant after we reset it: translate it too before trying again.
      return pending(
          ownership,
          translation,
          MigrationStep.AclPrivate,
          "AclChangedDuringMigration",
          "S3 refused BucketOwnerEnforced on bucket "
              + bucket
              + " because its ACL grants access again; reading the ACL again and resuming from"
              + " the translation of its grants.");
    }
    return new Report(
        MigrationStep.Enforced,
        aws.ownership().read(bucket),
        Optional.of(translation),
        Optional.empty());
  }

  private static Report pending(
      Optional<String> ownership,
      AclTranslation.Result translation,
      MigrationStep step,
      String reason,
      String message) {
    return new Report(
        step,
        ownership,
        Optional.of(translation),
        Optional.of(Outcome.reconciling(reason, message)));
  }

  private static Optional<Outcome> untranslatable(
      String bucket, AclTranslation.Result translation) {
    if (!translation.publicGrants().isEmpty()) {
      return Optional.of(
          Outcome.stalled(
              "PublicAclGrant",
              "The ACL of bucket "
                  + bucket
                  + " grants "
                  + describe(translation.publicGrants())
                  + ". Public grants are never moved into the bucket policy. Decide whether the bucket"
                  + " should be public: if not, remove these grants from the bucket ACL (S3 console,"
                  + " Permissions, Access control list); the migration then goes on by itself."));
    }
    if (!translation.emailGrants().isEmpty()) {
      return Optional.of(
          Outcome.stalled(
              "AclGrantToEmail",
              "The ACL of bucket "
                  + bucket
                  + " grants "
                  + describe(translation.emailGrants())
                  + ". A policy cannot name an e-mail address: replace each such grant with one to"
                  + " the account's canonical id, or share through a BucketShare, then remove it."));
    }
    return Optional.empty();
  }

  private static String describe(List<AclGrant> grants) {
    return grants.stream()
        .map(g -> g.permission() + " to " + g.id())
        .collect(Collectors.joining(", "));
  }

  /** Whether an AWS failure is the bucket missing. */
  static boolean bucketMissing(AwsCallException e) {
    return "BucketNotFound".equals(e.reason());
  }
}
