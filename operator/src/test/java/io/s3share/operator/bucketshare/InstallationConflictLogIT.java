package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.LogCapture;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A statement under our Sid prefix that another writer keeps putting back is worth one WARN: the
 * condition lasts as long as the other writer does, and saying it again on every resync would bury
 * everything else in the log.
 */
@ExtendWith(MotoExtension.class)
class InstallationConflictLogIT {

  static final Duration RESYNC = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final SidNamespace OURS = new SidNamespace("conflictlog");
  static final OperatorUnderTest operator = OperatorUnderTest.create("conflictlog", RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static LogCapture writerLines;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "conflictlog-owner", "111111111171");
    writerLines = LogCapture.of(BucketPolicyWriter.class);
  }

  @AfterAll
  static void close() {
    writerLines.close();
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aStatementAnotherWriterKeepsPuttingBackIsReportedOnceNotOnEveryResync() {
    String bucket = "conflictlog-data";
    owner.createBucket(bucket);
    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "reader",
                owner.name,
                bucket,
                Access.Read,
                List.of(Consumer.account("222222222271")),
                List.of("reports/")))
        .serverSideApply();
    await().atMost(WAIT).until(() -> "True/Granted".equals(Shares.ready(get("reader"))));

    // A statement under our prefix that no share explains: removed as stale the first time...
    ObjectNode other =
        BucketPolicies.foreignStatement(
            OURS.sidPrefix() + "00112233445566ff", bucket, "999999999971");
    putBack(bucket, other);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statements(owner.admin, bucket).toString())
                    .doesNotContain("999999999971"));
    // ...and kept once it comes back: another installation with our id writes it.
    putBack(bucket, other);
    await().atMost(WAIT).untilAsserted(() -> assertThat(conflictWarnings(bucket)).hasSize(1));
    int reads = operator.calls.count("GetBucketPolicy");

    await()
        .during(RESYNC.multipliedBy(5))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(conflictWarnings(bucket))
                    .as("warnings while the same statement stays contested")
                    .hasSize(1));
    assertThat(operator.calls.count("GetBucketPolicy"))
        .as("resyncs happened meanwhile")
        .isGreaterThan(reads + 2);
    assertThat(statements(owner.admin, bucket)).contains(other);
  }

  private static List<String> conflictWarnings(String bucket) {
    return writerLines.messages(
        Level.WARN,
        e ->
            e.getFormattedMessage().startsWith("bucket " + bucket + ":")
                && e.getFormattedMessage().contains("came back"));
  }

  private static void putBack(String bucket, ObjectNode statement) {
    List<ObjectNode> all = new ArrayList<>(statements(owner.admin, bucket));
    all.add(statement);
    BucketPolicies.put(owner.admin, bucket, all);
  }

  private static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
