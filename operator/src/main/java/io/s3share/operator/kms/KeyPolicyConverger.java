package io.s3share.operator.kms;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.KeyPolicyStatus;
import io.s3share.operator.aws.KeyPolicyPort;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.bucketshare.ShareDocuments;
import io.s3share.operator.bucketshare.ShareModel;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keeps a BucketShare's consumers in the KMS key policy of its bucket's default key, or says why it
 * cannot: the reconciler's one entry point for key policies.
 */
public final class KeyPolicyConverger {

  public static final String NOT_SHAREABLE = "KmsKeyNotShareable";

  private final KeyPolicyWriter writer;
  private final KeyPlanner planner;

  public KeyPolicyConverger(SidNamespace ns) {
    this.writer = new KeyPolicyWriter(ns);
    this.planner = new KeyPlanner(ns);
  }

  /**
   * What a converge needs from the reconciler.
   *
   * @param accountId the bucket's account, where its customer managed key lives
   * @param mode whether to write the key policy or only report
   * @param keyOfBucket the default key of a bucket of the account (cached by the caller)
   * @param sharesInAccount every cached share on a bucket of the account
   * @param grants whether a share's grants belong in AWS now (allowed, within its term)
   */
  public record Scene(
      String accountId,
      KeyPolicyManagement mode,
      KeyPolicyPort port,
      Function<String, ShareDocuments.KeySide> keyOfBucket,
      Supplier<Collection<BucketShare>> sharesInAccount,
      Predicate<BucketShare> grants) {}

  /**
   * @param notReady the outcome that replaces Ready (a key that cannot be shared, no room, ...)
   * @param status status.keyPolicy; empty when no KMS key is involved
   * @param written the key with its policy as read back after the converge
   */
  public record Converged(
      Optional<Outcome> notReady,
      Optional<KeyPolicyStatus> status,
      Optional<ShareDocuments.CustomerKey> written) {

    static final Converged NONE =
        new Converged(Optional.empty(), Optional.empty(), Optional.empty());

    /** Sets status.keyPolicy, or clears it when no key is involved. */
    public void describe(BucketShareStatus target) {
      target.setKeyPolicy(status.orElse(null));
    }
  }

  /** Converges the key policy for a live share that its bucket's policy already grants. */
  public Converged converge(BucketShare share, Scene scene) {
    ShareIntent intent = ShareModel.intentOf(share);
    if (KeyGrants.actionsFor(intent).isEmpty()) {
      return Converged.NONE;
    }
    ShareDocuments.KeySide side = scene.keyOfBucket().apply(intent.bucket());
    if (side instanceof ShareDocuments.AwsManagedKey) {
      return outsideOwner(intent, scene.accountId())
          ? new Converged(
              Optional.of(notShareable(intent.bucket(), scene.accountId())),
              Optional.empty(),
              Optional.empty())
          : Converged.NONE;
    }
    if (side instanceof ShareDocuments.UnreadableKey unreadable) {
      return new Converged(Optional.empty(), Optional.of(leftAlone(unreadable)), Optional.empty());
    }
    if (!(side instanceof ShareDocuments.CustomerKey key)) {
      return Converged.NONE;
    }
    String id = BucketPlanner.id(share);
    KeyPlanner.KeyShare self = keyShare(share, intent, key);
    KeyPolicyStatus status = status(key, scene.mode());
    if (scene.mode() == KeyPolicyManagement.Report) {
      status.setMessage(
          "keyPolicy is Report in the SharingPolicy covering the bucket: the operator writes"
              + " nothing to this key policy; status.effectiveAccess names any statement a"
              + " consumer still lacks.");
      return new Converged(Optional.empty(), Optional.of(status), Optional.empty());
    }
    KeyPolicyWriter.Result result =
        writer.converge(
            key.keyArn(),
            scene.accountId(),
            scene.port(),
            planner.planner(
                () -> sharesOn(key.keyArn(), scene, id, Optional.of(self)), Optional.empty()),
            id);
    // No size here: the key policy is shared by every share on the key, and its size changing
    // when another share joins must not patch this share's status. Too large is a stall that
    // names the sizes (KeyOutcomes).
    if (result.action() == KeyPolicyWriter.Action.KEY_GONE) {
      status.setMessage("KMS key " + key.keyArn() + " no longer exists: nothing written.");
      return new Converged(Optional.empty(), Optional.of(status), Optional.empty());
    }
    Optional<Outcome> notReady = KeyOutcomes.of(share, key.keyArn(), result);
    if (notReady.isEmpty() || notReady.get().state() != Outcome.State.STALLED) {
      // Only the statements the key policy carries for this share, never ones it was refused.
      status.setStatementIds(
          planner.statementsOf(self).stream().map(ManagedStatement::sid).toList());
    }
    return new Converged(notReady, Optional.of(status), result.policy().map(key::withPolicy));
  }

  /**
   * Takes a share being deleted out of the key policy, or under Retain hands its statements over as
   * foreign ones that stay as they are. Nothing when the key policy is not ours to write.
   */
  public void release(BucketShare share, Scene scene) {
    boolean retain =
        share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain && scene.grants().test(share);
    without(share, scene, retain);
  }

  /** Takes a share that may not grant now (denied, expired) out of the key policy. */
  public void withdraw(BucketShare share, Scene scene) {
    without(share, scene, false);
  }

  private void without(BucketShare share, Scene scene, boolean handOver) {
    ShareIntent intent = ShareModel.intentOf(share);
    if (KeyGrants.actionsFor(intent).isEmpty() || scene.mode() == KeyPolicyManagement.Report) {
      return;
    }
    if (!(scene.keyOfBucket().apply(intent.bucket()) instanceof ShareDocuments.CustomerKey key)) {
      return;
    }
    String id = BucketPlanner.id(share);
    Optional<KeyPlanner.KeyShare> retained =
        handOver ? Optional.of(keyShare(share, intent, key)) : Optional.empty();
    writer.converge(
        key.keyArn(),
        scene.accountId(),
        scene.port(),
        planner.planner(() -> sharesOn(key.keyArn(), scene, id, Optional.empty()), retained),
        id);
  }

  /**
   * The shares whose consumers belong in the key's policy: those on every bucket the key encrypts.
   * The reconciled share itself as this reconcile sees it, whatever the cache holds.
   */
  private List<KeyPlanner.KeyShare> sharesOn(
      String keyArn, Scene scene, String subject, Optional<KeyPlanner.KeyShare> self) {
    List<KeyPlanner.KeyShare> on = new ArrayList<>();
    self.ifPresent(on::add);
    for (BucketShare other : scene.sharesInAccount().get()) {
      boolean deleting = other.getMetadata().getDeletionTimestamp() != null;
      boolean retained = other.getSpec().getDeletionPolicy() == DeletionPolicy.Retain;
      if (BucketPlanner.id(other).equals(subject)
          || deleting && !retained
          || !scene.grants().test(other)) {
        continue;
      }
      ShareIntent intent;
      try {
        intent = ShareModel.intentOf(other);
      } catch (StalledException invalid) {
        continue; // grants nothing; its own reconcile says why
      }
      if (KeyGrants.actionsFor(intent).isEmpty()) {
        continue;
      }
      if (scene.keyOfBucket().apply(intent.bucket()) instanceof ShareDocuments.CustomerKey key
          && key.keyArn().equals(keyArn)) {
        on.add(keyShare(other, intent, key));
      }
    }
    return on;
  }

  private static KeyPlanner.KeyShare keyShare(
      BucketShare share, ShareIntent intent, ShareDocuments.CustomerKey key) {
    return new KeyPlanner.KeyShare(
        BucketPlanner.id(share),
        share.getMetadata().getUid(),
        share.getMetadata().getCreationTimestamp(),
        intent,
        new KeyGrants.KeyScope(intent.bucket(), regionOf(key.keyArn()), key.bucketKeyEnabled()),
        share.getMetadata().getDeletionTimestamp() != null
            && share.getSpec().getDeletionPolicy() == DeletionPolicy.Retain);
  }

  /** arn:partition:kms:region:account:key/id; a bucket's default key is in the bucket's Region. */
  static String regionOf(String keyArn) {
    return keyArn.split(":", 6)[3];
  }

  private static boolean outsideOwner(ShareIntent intent, String ownerAccountId) {
    return intent.grantees().stream()
        .anyMatch(
            grantee ->
                grantee.kind() != Grantee.Kind.AWS_PRINCIPAL
                    || !ownerAccountId.equals(grantee.value().split(":", 6)[4]));
  }

  private static Outcome notShareable(String bucket, String accountId) {
    return Outcome.stalled(
        NOT_SHAREABLE,
        "Bucket "
            + bucket
            + " encrypts new objects with the AWS managed key aws/s3, which cannot be used from"
            + " another account: consumers outside account "
            + accountId
            + " get AccessDenied on every object. Re-encrypt with a customer managed key: create"
            + " one in account "
            + accountId
            + ", set it as the bucket's default (PutBucketEncryption with SSE-KMS and the key's"
            + " ARN), then copy the existing objects onto themselves (for example aws s3 cp"
            + " s3://"
            + bucket
            + " s3://"
            + bucket
            + " --recursive) so that they are encrypted with it. The operator then keeps the"
            + " consumers' statements in that key's policy.");
  }

  private static KeyPolicyStatus leftAlone(ShareDocuments.UnreadableKey unreadable) {
    KeyPolicyStatus status = new KeyPolicyStatus();
    status.setKeyArn(unreadable.key().isEmpty() ? null : unreadable.key());
    status.setMessage(
        unreadable.cause() == ShareDocuments.Cause.OTHER_ACCOUNT
            ? unreadable.why()
                + ". The operator leaves keys of other accounts alone: their owner must add the"
                + " statements."
            : unreadable.why() + ". Nothing was written to the key policy.");
    return status;
  }

  private static KeyPolicyStatus status(ShareDocuments.CustomerKey key, KeyPolicyManagement mode) {
    KeyPolicyStatus status = new KeyPolicyStatus();
    status.setKeyArn(key.keyArn());
    status.setManagement(mode);
    return status;
  }
}
