package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.foreignStatement;
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
import io.s3share.operator.aws.AwsChangeLog;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.LogCapture;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator reads about bucket policy writes: one INFO line per write, naming the account,
 * the bucket, the Sids it changed and the shares it was for; and a counter of the races with other
 * writers that the write path detects and recovers from.
 */
@ExtendWith(MotoExtension.class)
class BucketPolicyWriteSignalsIT {

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String ACCOUNT_ID = "111111111161";
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("signals", Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  /** An AwsAccount created only once the shares exist, so that one write grants them all. */
  static final String LATE_ACCOUNT = "signals-late";

  static OwnerAccount owner;
  static MotoServer moto;
  static LogCapture changes;

  @BeforeAll
  static void ownerAccount(MotoServer server) {
    moto = server;
    owner = OwnerAccount.create(operator.client, moto, "signals-owner", ACCOUNT_ID);
    changes = LogCapture.of(AwsChangeLog.class);
  }

  @AfterAll
  static void close() {
    changes.close();
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name, LATE_ACCOUNT);
    owner.close();
  }

  @Test
  void aCoalescedWriteOfTwelveSharesIsOneLineNamingTheAccountBucketAndShares() {
    String bucket = "signals-coalesced";
    owner.createBucket(bucket);
    List<String> names =
        IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("reader-%02d", i)).toList();
    // Their AwsAccount does not exist yet: the shares wait, Stalled, all in the cache.
    names.forEach(
        name ->
            apply(
                Shares.share(
                    operator.namespace(),
                    name,
                    LATE_ACCOUNT,
                    bucket,
                    Access.Read,
                    List.of(Consumer.account(consumerOf(name))),
                    List.of("reports/"))));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(names)
                    .allSatisfy(
                        name ->
                            assertThat(Shares.stalledReason(get(name)))
                                .isEqualTo("AccountNotFound")));

    operator
        .client
        .resource(OwnerAccount.resource(LATE_ACCOUNT, ACCOUNT_ID, moto))
        .serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(names)
                    .allSatisfy(
                        name -> assertThat(Shares.ready(get(name))).isEqualTo("True/Granted")));

    assertThat(operator.faults.policiesWritten(bucket)).as("the writes were coalesced").hasSize(1);
    List<String> lines = linesAbout(bucket);
    assertThat(lines).as("one line per write").hasSize(1);
    String ns = operator.namespace();
    assertThat(lines.get(0))
        .startsWith("account " + ACCOUNT_ID + " bucket " + bucket + ": wrote bucket policy (")
        .contains("added S3SharesignalsX")
        .contains("0 foreign statement(s) kept")
        // Sorted, the first ten by name, and how many more.
        .endsWith(
            "(for "
                + String.join(
                    ", ", names.subList(0, 10).stream().map(name -> ns + "/" + name).toList())
                + " +2 more)");

    // One share goes: one more line, saying which statement lost a principal. It names the shares
    // whose converge made the write: usually the one deleted, but other shares of the bucket
    // reconciled at that moment plan without it too, in one batch, and the line then names them.
    operator.client.resource(get("reader-07")).delete();
    await().atMost(WAIT).until(() -> get("reader-07") == null);
    assertThat(operator.faults.policiesWritten(bucket)).hasSize(2);
    assertThat(statements(owner.admin, bucket).toString()).doesNotContain(consumerOf("reader-07"));
    lines = linesAbout(bucket);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("account " + ACCOUNT_ID + " bucket " + bucket + ": wrote bucket policy (")
        .contains("updated S3SharesignalsX")
        .doesNotContain("added")
        .matches(
            ".*\\(for "
                + java.util.regex.Pattern.quote(ns)
                + "/reader-\\d\\d(, "
                + java.util.regex.Pattern.quote(ns)
                + "/reader-\\d\\d)*( \\+\\d+ more)?\\)$");
  }

  @Test
  void aForeignWriteBetweenOurReadAndOurWriteIsCountedAsARaceAndKept() {
    String bucket = "signals-raced";
    owner.createBucket(bucket);
    ObjectNode owners = foreignStatement("KeptByTheOwner", bucket, "888888888880");
    BucketPolicies.put(owner.admin, bucket, List.of(owners));
    double before = races();
    ObjectNode first = foreignStatement("WrittenWhileWeRead", bucket, "888888888881");
    // Another writer puts its statement right after the operator read the policy.
    operator.faults.afterNext(
        "GetBucketPolicy",
        bucket,
        () -> BucketPolicies.put(owner.admin, bucket, List.of(owners, first)));
    apply(share("raced", bucket, "222222222261"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(statements(owner.admin, bucket).toString()).contains("222222222261");
              assertThat(Shares.ready(get("raced"))).isEqualTo("True/Granted");
            });
    assertThat(statements(owner.admin, bucket)).startsWith(owners, first);
    assertThat(races()).as("the race before our write").isEqualTo(before + 1);

    // And right after our write: the read-back finds a policy it did not write.
    ObjectNode second = foreignStatement("WrittenRightAfterUs", bucket, "888888888882");
    operator.faults.afterNext(
        "PutBucketPolicy",
        bucket,
        () -> {
          List<ObjectNode> current = statements(owner.admin, bucket);
          BucketPolicies.put(
              owner.admin,
              bucket,
              java.util.stream.Stream.concat(current.stream(), java.util.stream.Stream.of(second))
                  .toList());
        });
    apply(share("raced", bucket, "222222222262"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(statements(owner.admin, bucket).toString())
                  .contains("222222222262")
                  .doesNotContain("222222222261");
              assertThat(Shares.ready(get("raced"))).isEqualTo("True/Granted");
            });
    assertThat(statements(owner.admin, bucket)).contains(owners, first, second);
    assertThat(races()).as("the race after our write").isEqualTo(before + 2);
  }

  private static double races() {
    return operator
        .metrics
        .get(RaceMetrics.METER)
        .tag("resource", RaceMetrics.BUCKET_POLICY)
        .counter()
        .count();
  }

  private static List<String> linesAbout(String bucket) {
    return changes.messages(
        Level.INFO, e -> e.getFormattedMessage().contains(" bucket " + bucket + ":"));
  }

  private static String consumerOf(String name) {
    return "2222222222" + name.substring(name.length() - 2);
  }

  private static BucketShare share(String name, String bucket, String consumer) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        Access.Read,
        List.of(Consumer.account(consumer)),
        List.of("reports/"));
  }

  private static void apply(BucketShare share) {
    operator.client.resource(share).serverSideApply();
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
