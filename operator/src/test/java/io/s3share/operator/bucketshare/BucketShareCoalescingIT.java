package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty shares on one bucket, created at once, converge through the bucket's single write path:
 * every grant lands, foreign statements survive, and the writes are coalesced.
 */
@ExtendWith(MotoExtension.class)
class BucketShareCoalescingIT {

  static final int SHARES = 50;
  static final String BUCKET = "coalescing-data";
  static final SidNamespace OURS = new SidNamespace("coalescing");
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("coalescing", Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
  }

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "coalescing-owner", "111111111111");
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void fiftySharesCreatedAtOnceConvergeWithFarFewerWrites() {
    owner.createBucket(BUCKET);
    var foreign = BucketPolicies.foreignStatement("KeptByTheOwner", BUCKET, "999999999999");
    BucketPolicies.put(owner.admin, BUCKET, List.of(foreign));
    operator.calls.reset();

    List<String> consumers =
        IntStream.range(0, SHARES).mapToObj(i -> String.valueOf(200_000_000_000L + i)).toList();
    consumers.parallelStream()
        .forEach(
            account ->
                operator.client.resource(share("share-" + account, account)).serverSideApply());

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(operator.namespace())
                            .list()
                            .getItems())
                    .hasSize(SHARES)
                    .allSatisfy(s -> assertThat(Shares.ready(s)).isEqualTo("True/Granted")));

    Set<String> principals =
        withSidPrefix(statements(owner.admin, BUCKET), OURS.sidPrefix()).stream()
            .flatMap(s -> stream(s.path("Principal").path("AWS")))
            .collect(Collectors.toSet());
    assertThat(principals)
        .containsExactlyInAnyOrderElementsOf(
            consumers.stream().map(a -> "arn:aws:iam::" + a + ":root").toList());
    // Identical access compacts: three statements carry all fifty principals.
    assertThat(withSidPrefix(statements(owner.admin, BUCKET), OURS.sidPrefix())).hasSize(3);
    assertThat(statements(owner.admin, BUCKET).get(0)).isEqualTo(foreign);

    int puts = operator.calls.count("PutBucketPolicy");
    System.out.printf(
        "coalescing: %d shares on one bucket -> %d PutBucketPolicy calls (%.2f per share)%n",
        SHARES, puts, puts / (double) SHARES);
    assertThat(puts).isBetween(1, SHARES / 5);
  }

  private static java.util.stream.Stream<String> stream(
      com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isArray()) {
      List<String> values = new java.util.ArrayList<>();
      node.forEach(v -> values.add(v.asText()));
      return values.stream();
    }
    return java.util.stream.Stream.of(node.asText());
  }

  static BucketShare share(String name, String account) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        BUCKET,
        Access.Read,
        List.of(Consumer.account(account)),
        List.of("shared/"));
  }
}
