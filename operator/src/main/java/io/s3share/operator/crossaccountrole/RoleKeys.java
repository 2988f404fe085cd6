package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.bucketshare.DefaultKey;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.KmsActions;
import io.s3share.operator.policy.RoleKeyPermissions;
import io.s3share.operator.policy.RolePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Finds the default KMS key of each bucket a role's grants read or write, for the role's kms:
 * statements. Reads a bucket's encryption at most once per period, whatever the number of roles
 * granted on it: the role reconciler runs at every resync.
 */
final class RoleKeys {

  /**
   * What the grants' buckets need.
   *
   * @param keys the key of each bucket whose objects go through a key the role's policy can grant
   * @param notes one sentence per bucket whose key needs something the operator cannot do
   */
  record Resolved(Map<String, RoleKeyPermissions.BucketKey> keys, List<String> notes) {
    Resolved {
      keys = Map.copyOf(keys);
      notes = List.copyOf(notes);
    }
  }

  /** One bucket's encryption as read, or why it could not be read. */
  private record Reading(DefaultKey key, boolean bucketKeyEnabled, Optional<String> failure) {}

  private record Known(Instant readAt, Reading reading) {}

  private final Duration readEvery;
  private final Clock clock;
  private final ConcurrentMap<BucketKey, Known> known = new ConcurrentHashMap<>();
  private final ConcurrentMap<BucketKey, Object> locks = new ConcurrentHashMap<>();

  /**
   * @param readEvery how long a bucket's encryption stays known; half the resync period, as for the
   *     shares' key check, so a change is seen by the next resync but one
   */
  RoleKeys(Duration readEvery, Clock clock) {
    this.readEvery = readEvery;
    this.clock = clock;
  }

  /**
   * @param accountId and {@code region}: the role's account, which holds the granted buckets
   * @param encryption that account's S3 encryption reads, made only when a read is due
   */
  Resolved resolve(
      List<RolePermissions.BucketGrant> grants,
      String roleName,
      String accountId,
      String region,
      Supplier<BucketEncryptionPort> encryption) {
    // Bucket -> the kms: actions its grants need; buckets only listed need no key.
    Map<String, SortedSet<String>> needs = new TreeMap<>();
    for (RolePermissions.BucketGrant grant : grants) {
      SortedSet<String> actions =
          KmsActions.forS3Actions(Grants.actionsOf(grant.access(), grant.extraActions()));
      if (!actions.isEmpty()) {
        needs.computeIfAbsent(grant.bucket(), b -> new TreeSet<>()).addAll(actions);
      }
    }
    Map<String, RoleKeyPermissions.BucketKey> keys = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    needs.forEach(
        (bucket, actions) -> {
          Reading reading = read(new BucketKey(accountId, bucket), region, encryption);
          reading.failure().ifPresent(notes::add);
          DefaultKey key = reading.key();
          if (key instanceof DefaultKey.InAccount own) {
            keys.put(
                bucket,
                new RoleKeyPermissions.BucketKey(own.keyArn(), region, reading.bucketKeyEnabled()));
          } else if (key instanceof DefaultKey.OtherAccount other) {
            // The identity side is ours to write; the key policy's side is not.
            keys.put(
                bucket,
                new RoleKeyPermissions.BucketKey(
                    other.keyArn(), region, reading.bucketKeyEnabled()));
            notes.add(
                "Bucket "
                    + bucket
                    + " is encrypted with KMS key "
                    + other.keyArn()
                    + " of account "
                    + other.accountId()
                    + ", whose key policy the operator cannot change: it must allow role "
                    + roleName
                    + " of account "
                    + accountId
                    + " "
                    + String.join(" and ", actions)
                    + ".");
          } else if (key instanceof DefaultKey.Alias alias) {
            notes.add(
                "Bucket "
                    + bucket
                    + " names its default KMS key by the alias "
                    + alias.alias()
                    + ", which the operator does not resolve, so the role has no kms: statement"
                    + " for it: name the key by its ARN in the bucket's default encryption.");
          }
          // None needs nothing. Neither does aws/s3: its key policy lets every principal of the
          // bucket's account, this role included, use it through S3, as long as an identity
          // policy allows the S3 call, which the s3: statements do.
        });
    return new Resolved(keys, notes);
  }

  private Reading read(BucketKey bucket, String region, Supplier<BucketEncryptionPort> encryption) {
    // Roles reconcile in parallel: without the bucket's lock, two that find the reading stale at
    // once would both read. Other buckets are not held up.
    synchronized (locks.computeIfAbsent(bucket, b -> new Object())) {
      Instant now = clock.instant();
      Known previous = known.get(bucket);
      if (previous != null && previous.readAt().plus(readEvery).isAfter(now)) {
        return previous.reading();
      }
      Reading reading = readNow(bucket, region, encryption);
      known.put(bucket, new Known(now, reading));
      return reading;
    }
  }

  private static Reading readNow(
      BucketKey bucket, String region, Supplier<BucketEncryptionPort> encryption) {
    try {
      Optional<BucketEncryptionPort.DefaultEncryption> found =
          encryption.get().read(bucket.bucket());
      return new Reading(
          DefaultKey.of(found, bucket.accountId(), region),
          found.map(BucketEncryptionPort.DefaultEncryption::bucketKeyEnabled).orElse(false),
          Optional.empty());
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e;
      }
      if ("BucketNotFound".equals(e.reason())) {
        // Nothing to decrypt yet; the read comes again with the next period.
        return new Reading(DefaultKey.NONE, false, Optional.empty());
      }
      // The reason, not the SDK's message, which carries a request id: status must not flap.
      return new Reading(
          DefaultKey.NONE,
          false,
          Optional.of(
              "Could not read the default encryption of bucket "
                  + bucket.bucket()
                  + " ("
                  + e.reason()
                  + "), so the role has no kms: statement for it and cannot use a KMS key the"
                  + " bucket may use: grant s3:GetEncryptionConfiguration to the operator's role"
                  + " (see docs/operator-iam-policy.json)."));
    }
  }
}
