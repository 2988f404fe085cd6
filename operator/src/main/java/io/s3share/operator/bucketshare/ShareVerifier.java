package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.KmsKeyPolicies;
import io.s3share.operator.aws.S3BucketEncryption;
import io.s3share.operator.aws.S3PublicAccessBlocks;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Checks a share's effective access on the documents its reconcile read back. The only reads of its
 * own are the bucket's default encryption, for shares that read or write objects, and the policy of
 * a customer managed default key, and Block Public Access when the policy is public: once per
 * bucket per half resync period, whatever the number of shares on it.
 */
final class ShareVerifier {

  static final String GRANT_SHADOWED = "GrantShadowed";
  static final String KMS_KEY_DENIES = "KmsKeyDenies";

  private final AccountResolver accounts;
  private final SidNamespace ns;
  private final Duration keyReadEvery;
  private final Clock clock;
  private final ConcurrentMap<BucketKey, Known<ShareDocuments.KeySide>> keys =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<BucketKey, Known<Boolean>> restricted = new ConcurrentHashMap<>();

  /** A fact about a bucket and when it was read. */
  private record Known<T>(Instant readAt, T value) {}

  /**
   * @param keyReadEvery how long a bucket's default key stays known: every share on a bucket shares
   *     one read, so resyncs do not cost a read per share
   */
  ShareVerifier(AccountResolver accounts, SidNamespace ns, Duration keyReadEvery, Clock clock) {
    this.accounts = accounts;
    this.ns = ns;
    this.keyReadEvery = keyReadEvery;
    this.clock = clock;
  }

  /**
   * @param bucketPolicy the bucket's policy as the writer last read it
   * @param accessPointArn and {@code accessPointPolicy}: the share's access point, if any
   */
  EffectiveAccessStatus check(
      BucketShare share,
      AwsAccount account,
      Optional<String> bucketPolicy,
      Optional<String> accessPointArn,
      Optional<String> accessPointPolicy) {
    ShareIntent intent = ShareModel.intentOf(share);
    String accountId = account.getSpec().getAccountId();
    String region = account.getSpec().getRegion();
    ShareDocuments.KeySide key =
        DefaultKeyReader.needsKey(intent)
            ? defaultKey(account, intent.bucket())
            : ShareDocuments.NO_KEY;
    // Block Public Access matters only to a public policy: no read for the others.
    boolean restricts =
        bucketPolicy.map(PublicStatements::of).filter(sids -> !sids.isEmpty()).isPresent()
            && restrictsPublicBuckets(account, intent.bucket());
    ShareDocuments documents =
        new ShareDocuments(
            accountId, region, bucketPolicy, accessPointArn, accessPointPolicy, key, restricts);
    return ShareVerification.verify(intent, documents, ns, share.getMetadata().getGeneration());
  }

  /**
   * A key policy the operator has just written and read back: every bucket known to use the key is
   * judged on it from now on, not on the policy read before the write.
   */
  void keyPolicyChanged(ShareDocuments.CustomerKey written) {
    keys.replaceAll(
        (bucket, known) ->
            known.value() instanceof ShareDocuments.CustomerKey key
                    && key.keyArn().equals(written.keyArn())
                ? new Known<>(known.readAt(), key.withPolicy(written.policy()))
                : known);
  }

  /** The bucket's default key as far as shares are concerned; read once per period per bucket. */
  ShareDocuments.KeySide defaultKey(AwsAccount account, String bucket) {
    String accountId = account.getSpec().getAccountId();
    return cached(
        keys,
        new BucketKey(accountId, bucket),
        () -> {
          AccountClients clients = accounts.clientsFor(account);
          return DefaultKeyReader.read(
              bucket,
              accountId,
              account.getSpec().getRegion(),
              new S3BucketEncryption(clients.s3(), accountId),
              new KmsKeyPolicies(clients.kms(), accountId));
        });
  }

  private boolean restrictsPublicBuckets(AwsAccount account, String bucket) {
    String accountId = account.getSpec().getAccountId();
    return cached(
        restricted,
        new BucketKey(accountId, bucket),
        () -> {
          try {
            return new S3PublicAccessBlocks(accounts.clientsFor(account).s3(), accountId)
                .restrictsPublicBuckets(bucket);
          } catch (AwsCallException e) {
            if (e.isRetryable()) {
              throw e;
            }
            // Not allowed to look (an IAM policy from before this check): claim nothing.
            return false;
          }
        });
  }

  private <T> T cached(
      ConcurrentMap<BucketKey, Known<T>> facts, BucketKey bucket, Supplier<T> read) {
    Instant now = clock.instant();
    Known<T> known = facts.get(bucket);
    if (known != null && known.readAt().plus(keyReadEvery).isAfter(now)) {
      return known.value();
    }
    T value = read.get();
    facts.put(bucket, new Known<>(now, value));
    return value;
  }

  /** The outcome a check forces instead of Ready, when consumers cannot use the grant. */
  static Optional<Outcome> notReady(BucketShare share, EffectiveAccessStatus access) {
    String bucket = share.getSpec().getBucket().getName();
    if (access.getResult() == EffectiveAccessResult.Shadowed) {
      return Optional.of(
          Outcome.stalled(
              GRANT_SHADOWED,
              "This share's statements are in the policy of bucket "
                  + bucket
                  + ", but consumers cannot use them: "
                  + access.getMessage()));
    }
    if (access.getResult() == EffectiveAccessResult.KeyDenies) {
      return Optional.of(
          Outcome.stalled(
              KMS_KEY_DENIES,
              "This share's statements are in the policy of bucket "
                  + bucket
                  + ", but consumers cannot use its objects: "
                  + access.getMessage()));
    }
    return Optional.empty();
  }
}
