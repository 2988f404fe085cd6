package io.s3share.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's legacy bucket: KMS-encrypted, shared by an ACL grant to another account. A
 * BucketShare on it, then a SharedBucket that first reports the ACL grant and then, asked for
 * BucketOwnerEnforced, moves it into the bucket policy and turns ACLs off.
 */
final class PostureScenario {

  static final String BUCKET = "example-legacy";

  /** Another account's canonical user id, as a legacy ACL names it. */
  static final String GRANTEE = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private PostureScenario() {}

  /** Runs the scenario; true when the SharedBucket reached Enforced and Ready. */
  static boolean run(KubernetesClient client, SandboxAws aws, StatusReport report) {
    Sandbox.say(
        "A legacy bucket: "
            + BUCKET
            + ", encrypted with KMS key "
            + aws.createLegacyKmsBucket(BUCKET, GRANTEE)
            + ", whose ACL grants "
            + aws.aclGrants(BUCKET));
    HasMetadata policy =
        apply(
            client,
            """
            apiVersion: s3share.io/v1alpha1
            kind: SharingPolicy
            metadata: {name: demo-legacy}
            spec:
              namespaceSelector: {matchLabels: {s3share.io/tenant: demo}}
              accounts: [owner]
              buckets: [%s]
              consumers: {accountIds: ["222222222222"]}
              maxAccess: Read
              methods: [BucketPolicy]
            """
                .formatted(BUCKET));
    HasMetadata share =
        apply(
            client,
            """
            apiVersion: s3share.io/v1alpha1
            kind: BucketShare
            metadata: {name: legacy-readers, namespace: %s}
            spec:
              bucket: {name: %s, accountRef: owner}
              consumers: [{accountId: "222222222222"}]
              access: Read
            """
                .formatted(Sandbox.NAMESPACE, BUCKET));
    String sharedBucket =
        """
        apiVersion: s3share.io/v1alpha1
        kind: SharedBucket
        metadata: {name: %s}
        spec:
          accountRef: owner
          bucket: %s
          blockPublicAccess: Require
        """
            .formatted(BUCKET, BUCKET);
    HasMetadata posture = apply(client, sharedBucket);
    report.awaitReady(List.of(posture));
    Sandbox.say("Before the migration: the SharedBucket reports the ACL grant it found.");
    report.print(List.of(policy, share, posture));

    posture = apply(client, sharedBucket + "  objectOwnership: BucketOwnerEnforced\n");
    boolean enforced = awaitEnforced(client, posture) && report.awaitReady(List.of(posture));
    Sandbox.say(
        "After the migration: the grant is a bucket-policy statement, the ACL is private ("
            + aws.aclGrants(BUCKET)
            + ") and Object Ownership is BucketOwnerEnforced.");
    report.print(List.of(share, posture));
    Sandbox.say("Policy of bucket " + BUCKET + ":");
    System.out.println(aws.bucketPolicy(BUCKET));
    return enforced;
  }

  private static HasMetadata apply(KubernetesClient client, String yaml) {
    return client
        .resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class))
        .serverSideApply();
  }

  @SuppressWarnings("unchecked")
  private static boolean awaitEnforced(KubernetesClient client, HasMetadata posture) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      GenericKubernetesResource current =
          client
              .genericKubernetesResources(posture.getApiVersion(), posture.getKind())
              .withName(posture.getMetadata().getName())
              .get();
      Object status = current == null ? null : current.getAdditionalProperties().get("status");
      if (status instanceof Map<?, ?> map && "Enforced".equals(map.get("aclMigration"))) {
        return true;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
