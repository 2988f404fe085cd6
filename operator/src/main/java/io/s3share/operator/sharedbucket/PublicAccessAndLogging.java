package io.s3share.operator.sharedbucket;

import io.s3share.operator.api.v1alpha1.AccessLoggingSpec;
import io.s3share.operator.api.v1alpha1.BlockPublicAccessMode;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import io.s3share.operator.aws.PublicAccessBlockPort.Settings;
import io.s3share.operator.bucketshare.BucketPolicyWriter;
import io.s3share.operator.kube.StalledException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block Public Access and server access logging of one bucket: turned on where the SharedBucket
 * asks, read and reported always. The log target's policy statement goes through the target
 * bucket's own single writer, like any other change to a bucket policy.
 */
final class PublicAccessAndLogging {

  private static final Logger log = LoggerFactory.getLogger(PublicAccessAndLogging.class);

  private PublicAccessAndLogging() {}

  /** Requires all four settings when asked; returns the settings as AWS has them. */
  static Settings blockPublicAccess(BucketAccess aws, String bucket, BlockPublicAccessMode mode) {
    Settings settings = read(aws, bucket);
    if (mode == BlockPublicAccessMode.Require && !allOn(settings)) {
      aws.publicAccess().blockAll(bucket);
      log.info(
          "account {} bucket {}: turned all four Block Public Access settings on",
          aws.accountId(),
          bucket);
      settings = read(aws, bucket);
    }
    return settings;
  }

  static boolean allOn(Settings s) {
    return s.blockPublicAcls()
        && s.ignorePublicAcls()
        && s.blockPublicPolicy()
        && s.restrictPublicBuckets();
  }

  private static Settings read(BucketAccess aws, String bucket) {
    return aws.publicAccess().read(bucket).orElse(new Settings(false, false, false, false));
  }

  /**
   * @param logging where the logs go now, as read
   * @param statementBucket the bucket whose policy holds this SharedBucket's log-delivery statement
   * @param raced whether another writer changed the target's policy right after ours
   */
  record Logging(Optional<LogTarget> logging, Optional<String> statementBucket, boolean raced) {}

  /**
   * Writes the log-delivery statement to the target first (S3 checks the target's permissions when
   * logging is turned on), then turns logging on; removes the statement from a target no longer
   * used.
   */
  static Logging accessLogging(
      BucketAccess aws,
      String bucket,
      Optional<AccessLoggingSpec> wanted,
      Optional<String> previousStatementBucket,
      BucketStatementSids sids,
      String subject) {
    Optional<String> statementBucket = Optional.empty();
    boolean raced = false;
    if (wanted.isPresent()) {
      String target = wanted.get().getTargetBucket();
      String prefix = Optional.ofNullable(wanted.get().getTargetPrefix()).orElse("");
      var statement =
          LogDeliveryStatement.forSource(
              aws.partition(), target, prefix, bucket, aws.accountId(), sids);
      try {
        BucketPolicyWriter.Action action =
            aws.converge(target, OwnedStatementsPlanner.exactly(sids, List.of(statement)), subject)
                .action();
        raced = action == BucketPolicyWriter.Action.RACED;
        if (action == BucketPolicyWriter.Action.WRITTEN) {
          log.info(
              "account {} bucket {}: wrote log-delivery statement {} for the logs of {}",
              aws.accountId(),
              target,
              statement.path("Sid").asText(),
              bucket);
        }
      } catch (AwsCallException e) {
        if (AclMigration.bucketMissing(e)) {
          throw new StalledException(
              "LogTargetNotFound",
              "accessLogging.targetBucket "
                  + target
                  + " does not exist in account "
                  + aws.accountId()
                  + ". Create it (same account and Region as "
                  + bucket
                  + "), or change accessLogging.targetBucket.");
        }
        throw e;
      }
      statementBucket = Optional.of(target);
      LogTarget desired = new LogTarget(target, prefix);
      if (!aws.logging().read(bucket).equals(Optional.of(desired))) {
        aws.logging().write(bucket, desired);
        log.info(
            "account {} bucket {}: server access logging on, to {}/{}",
            aws.accountId(),
            bucket,
            target,
            prefix);
      }
    }
    Optional<String> used = statementBucket;
    Optional<String> stale = previousStatementBucket.filter(b -> !used.equals(Optional.of(b)));
    if (stale.isPresent()) {
      removeStatements(aws, stale.get(), sids, subject);
    }
    return new Logging(aws.logging().read(bucket), statementBucket, raced);
  }

  /** Removes this SharedBucket's statements from a bucket's policy; a missing bucket has none. */
  static void removeStatements(
      BucketAccess aws, String bucket, BucketStatementSids sids, String subject) {
    try {
      aws.converge(bucket, OwnedStatementsPlanner.exactly(sids, List.of()), subject);
    } catch (AwsCallException e) {
      if (!AclMigration.bucketMissing(e)) {
        throw e;
      }
    }
  }
}
