package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A share deleted with Retain under enforced SharingPolicies: its access is handed over to the
 * bucket owner, and no later write puts its grants back under the operator's own Sids.
 */
@ExtendWith(MotoExtension.class)
class BucketShareRetainUnderGuardrailsIT {

  static final String INSTALLATION = "retainguard";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(5);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String POLICY = "retainguard-it";
  static final Map<String, String> TENANT = Map.of("retainguard-it/tenant", "team-r");
  static final List<String> CONSUMERS =
      IntStream.rangeClosed(0, 5).mapToObj(i -> "15151515150" + i).toList();

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccountAndPolicy(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "retainguard-owner", "151515151500");
    operator
        .client
        .namespaces()
        .withName(operator.namespace())
        .edit(
            ns -> {
              Map<String, String> labels = new HashMap<>(TENANT);
              if (ns.getMetadata().getLabels() != null) {
                labels.putAll(ns.getMetadata().getLabels());
              }
              ns.getMetadata().setLabels(labels);
              return ns;
            });
    operator
        .client
        .resource(
            SharingPolicies.policy(
                POLICY,
                TENANT,
                owner.name,
                List.of("retainguard-*"),
                CONSUMERS,
                List.of(),
                Access.Read,
                List.of(SharingMethod.BucketPolicy)))
        .serverSideApply();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void retainedDeletionNeverWritesTheGrantsBackUnderOurSids() {
    String bucket = "retainguard-data";
    owner.createBucket(bucket);
    apply(share("stays", bucket, CONSUMERS.get(0), false));
    awaitGranted("stays");

    for (int i = 1; i <= 5; i++) {
      String name = "kept-" + i;
      String consumer = CONSUMERS.get(i);
      apply(share(name, bucket, consumer, true));
      awaitGranted(name);
      assertThat(ours(bucket)).contains(consumer);

      // Right after the hand-over write, another share on the bucket changes, and S3 is slow to
      // answer (injected latency): that share's converge queues behind the bucket's lock and runs
      // while the informer cache still holds the deleted share.
      int round = i;
      operator.faults.afterNext(
          "PutBucketPolicy",
          bucket,
          () -> {
            apply(share("stays", bucket, CONSUMERS.get(0), false, "round-" + round + "/"));
            slowAnswer();
          });
      operator.client.resource(get(name)).delete();
      await().atMost(WAIT).until(() -> get(name) == null);

      await()
          .during(Duration.ofSeconds(3))
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ours(bucket)).as("our statements").doesNotContain(consumer);
                assertThat(retained(bucket)).as("handed-over statements").contains(consumer);
              });
      // Not even for a moment: no write after the hand-over names it under our Sids.
      List<String> writes = operator.faults.policiesWritten(bucket);
      int handOver = firstHandOver(writes, consumer);
      assertThat(handOver).as("hand-over write").isNotNegative();
      for (String later : writes.subList(handOver, writes.size())) {
        assertThat(ours(BucketPolicies.parse(later))).as("a later write").doesNotContain(consumer);
      }
    }
    assertThat(ours(bucket)).contains(CONSUMERS.get(0));
  }

  /** Latency on one AWS answer, as a loaded S3 endpoint adds it. */
  private static void slowAnswer() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int firstHandOver(List<String> writes, String consumer) {
    for (int i = 0; i < writes.size(); i++) {
      if (withSidPrefix(
              statementsOf(BucketPolicies.parse(writes.get(i))), RetainedStatements.SID_PREFIX)
          .toString()
          .contains(consumer)) {
        return i;
      }
    }
    return -1;
  }

  private static String ours(ObjectNode policy) {
    return withSidPrefix(statementsOf(policy), OURS.sidPrefix()).toString();
  }

  private static List<ObjectNode> statementsOf(ObjectNode policy) {
    List<ObjectNode> statements = new ArrayList<>();
    policy.path("Statement").forEach(s -> statements.add((ObjectNode) s));
    return statements;
  }

  private static String ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix()).toString();
  }

  private static String retained(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), RetainedStatements.SID_PREFIX).toString();
  }

  static void awaitGranted(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get(name))).isEqualTo("True/Granted"));
  }

  static BucketShare share(String name, String bucket, String consumer, boolean retain) {
    return share(name, bucket, consumer, retain, null);
  }

  static BucketShare share(
      String name, String bucket, String consumer, boolean retain, String prefix) {
    BucketShare share =
        Shares.share(
            operator.namespace(),
            name,
            owner.name,
            bucket,
            Access.Read,
            List.of(Consumer.account(consumer)),
            prefix == null ? List.of() : List.of(prefix));
    return retain ? Shares.retained(share) : share;
  }

  static void apply(BucketShare share) {
    operator.client.resource(share).serverSideApply();
  }

  static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
