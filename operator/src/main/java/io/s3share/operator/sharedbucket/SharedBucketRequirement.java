package io.s3share.operator.sharedbucket;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.guardrail.Decision;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SharingPolicy {@code requireSharedBucket}: a share allowed only by policies that require one is
 * granted only while a Ready SharedBucket declares its bucket's posture. Checked in the reconciler,
 * since admission cannot see other objects; SharedBucket changes reconcile the shares on the
 * bucket.
 */
public final class SharedBucketRequirement {

  public static final String REASON = "SharedBucketRequired";
  private static final String MESSAGE_START = "A SharedBucket is required: ";

  private volatile InformerEventSource<SharedBucket, BucketShare> sharedBuckets;

  /** Watches SharedBuckets; one's change reconciles the shares indexed under its bucket name. */
  public InformerEventSource<SharedBucket, BucketShare> eventSource(
      EventSourceContext<BucketShare> context, String byBucketIndex) {
    var shares = context.getPrimaryCache();
    sharedBuckets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(SharedBucket.class, BucketShare.class)
                .withName("sharedbuckets")
                .withSecondaryToPrimaryMapper(
                    (SharedBucket sb) ->
                        shares.byIndex(byBucketIndex, sb.getSpec().getBucket()).stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                // Cluster-scoped: it lives in no namespace the controller watches.
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .build(),
            context);
    return sharedBuckets;
  }

  /**
   * The decision as it stands once the requirement is applied: denied, with a message naming the
   * bucket and what to apply, when every allowing policy requires a SharedBucket and none is Ready.
   *
   * @param policies the cached SharingPolicy by name
   * @param accountIdOf the account id an AwsAccount name stands for, from the cache
   */
  public Decision apply(
      BucketShare share,
      Decision decision,
      Function<String, Optional<SharingPolicy>> policies,
      Function<String, Optional<String>> accountIdOf) {
    if (!decision.allowed() || sharedBuckets == null) {
      return decision;
    }
    List<String> requiring =
        decision.allowedBy().stream()
            .filter(
                name ->
                    policies
                        .apply(name)
                        .map(p -> Boolean.TRUE.equals(p.getSpec().getRequireSharedBucket()))
                        .orElse(false))
            .toList();
    // Any allowing policy that does not require one allows the share on its own.
    if (requiring.isEmpty() || requiring.size() < decision.allowedBy().size()) {
      return decision;
    }
    String bucket = share.getSpec().getBucket().getName();
    Optional<String> accountId = accountIdOf.apply(share.getSpec().getBucket().getAccountRef());
    boolean ready =
        accountId.isPresent()
            && sharedBuckets
                .list()
                .filter(sb -> bucket.equals(sb.getSpec().getBucket()))
                .filter(sb -> accountIdOf.apply(sb.getSpec().getAccountRef()).equals(accountId))
                .anyMatch(SharedBucketRequirement::ready);
    if (ready) {
      return decision;
    }
    return new Decision(
        List.of(),
        decision.considered(),
        MESSAGE_START
            + "SharingPolicy "
            + String.join(", ", requiring)
            + " grants shares of bucket "
            + bucket
            + " only once a Ready SharedBucket declares its posture. Ask the platform team to"
            + " apply a SharedBucket with spec.bucket: "
            + bucket
            + " and spec.accountRef: "
            + share.getSpec().getBucket().getAccountRef()
            + "; this share is granted as soon as it is Ready.");
  }

  /**
   * The {@code keyPolicy} the bucket's SharedBucket declares, if one does (and is not being
   * deleted): it decides over the SharingPolicies' setting.
   *
   * @param accountIdOf the account id an AwsAccount name stands for, from the cache
   */
  public Optional<KeyPolicyManagement> declaredKeyPolicy(
      BucketKey bucket, Function<String, Optional<String>> accountIdOf) {
    if (sharedBuckets == null) {
      return Optional.empty();
    }
    return sharedBuckets
        .list()
        .filter(sb -> sb.getMetadata().getDeletionTimestamp() == null)
        .filter(sb -> bucket.bucket().equals(sb.getSpec().getBucket()))
        .filter(
            sb ->
                accountIdOf
                    .apply(sb.getSpec().getAccountRef())
                    .filter(bucket.accountId()::equals)
                    .isPresent())
        .map(sb -> sb.getSpec().getKeyPolicy())
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** Whether a denial is this requirement's. */
  public static boolean deniedBy(Decision decision) {
    return !decision.allowed() && decision.message().startsWith(MESSAGE_START);
  }

  /** The outcome for a share the requirement denies. */
  public static Outcome stalled(BucketShare share, Decision decision) {
    return Outcome.stalled(
        REASON,
        decision.message()
            + " Its grants are not in the policy of bucket "
            + share.getSpec().getBucket().getName()
            + ": any it had were removed.");
  }

  private static boolean ready(SharedBucket sb) {
    return sb.getMetadata().getDeletionTimestamp() == null
        && sb.getStatus() != null
        && Objects.equals(sb.getStatus().getObservedGeneration(), sb.getMetadata().getGeneration())
        && Conditions.find(sb.getStatus().getConditions(), Conditions.READY)
            .filter(c -> "True".equals(c.getStatus()))
            .isPresent();
  }
}
