package io.s3share.operator.accesspoint;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.NetworkOrigin;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which method a share ends up on, and what stops an access point share: via Auto choosing once,
 * VPC access points, and AWS's refusals that moto does not make (injected at the HTTP layer).
 */
@ExtendWith(MotoExtension.class)
class AccessPointChoicesIT {

  static final String INSTALLATION = "apchoice";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final String PREFIX = "s3s-" + INSTALLATION + "-";
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String OWNER = "232323232323";
  static final String CONSUMER = "242424242401";
  static final String VPC = "vpc-0123456789abcdef0";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static AccessPointFixture accessPoints;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "apchoice-owner", OWNER);
    accessPoints = new AccessPointFixture(owner.admin, OWNER);
  }

  @AfterEach
  void clearFaults() {
    operator.faults.clear();
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    owner.close();
  }

  @Test
  void autoUsesTheBucketPolicyWhileItHasRoom() {
    String bucket = "apchoice-roomy";
    owner.createBucket(bucket);
    apply(auto(share("roomy", bucket, List.of())));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("roomy");
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(share.getStatus().getGrantedVia()).isEqualTo(ShareVia.BucketPolicy);
              assertThat(share.getStatus().getGrantedViaReason()).contains("had room");
              assertThat(share.getStatus().getAccessPoint()).isNull();
            });
    assertThat(ours(bucket).toString()).contains(CONSUMER).doesNotContain("DataAccessPoint");
  }

  @Test
  void autoMovesToAnAccessPointWhenTheBucketPolicyIsFullAndStaysThere() {
    String bucket = "apchoice-full";
    owner.createBucket(bucket);
    // Someone else's statements leave room for the delegation, not for the share's own grants.
    BucketPolicies.put(owner.admin, bucket, List.of(filler(bucket, 17_500)));
    List<String> prefixes =
        IntStream.range(0, 20)
            .mapToObj(i -> "a-rather-long-prefix-for-reports-" + i + "/")
            .toList();
    apply(auto(share("full", bucket, prefixes)));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("full");
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(share.getStatus().getGrantedVia()).isEqualTo(ShareVia.AccessPoint);
              assertThat(share.getStatus().getGrantedViaReason()).contains("no room");
            });
    String name = get("full").getStatus().getAccessPoint().getName();
    assertThat(accessPoints.statements(name).toString()).contains(CONSUMER);
    assertThat(ours(bucket).toString()).contains("DataAccessPoint").doesNotContain(CONSUMER);

    // The room comes back; the share keeps its endpoint.
    owner.admin.s3().deleteBucketPolicy(b -> b.bucket(bucket));
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(get("full").getStatus().getGrantedVia()).isEqualTo(ShareVia.AccessPoint);
              assertThat(accessPoints.find(name)).isPresent();
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ours(bucket).toString())
                    .contains("DataAccessPoint")
                    .doesNotContain(CONSUMER));
  }

  @Test
  void aVpcAccessPointIsReplacedWhenItsOriginChanges() {
    String bucket = "apchoice-vpc";
    owner.createBucket(bucket);
    BucketShare share = AccessPointFixture.viaAccessPoint(share("vpc", bucket, List.of()), "vpc");
    share.getSpec().getAccessPoint().setNetworkOrigin(NetworkOrigin.VPC);
    share.getSpec().getAccessPoint().setVpcId(VPC);
    apply(share);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(get("vpc"))).isEqualTo("True/Granted");
              assertThat(get("vpc").getStatus().getAccessPoint().getNetworkOrigin())
                  .isEqualTo(NetworkOrigin.VPC);
            });
    assertThat(accessPoints.find(PREFIX + "vpc").orElseThrow().vpcConfiguration().vpcId())
        .isEqualTo(VPC);

    AccessPointSpec internet = new AccessPointSpec();
    internet.setName("vpc");
    share.getSpec().setAccessPoint(internet);
    apply(share);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(get("vpc"))).isEqualTo("True/Granted");
              assertThat(get("vpc").getStatus().getAccessPoint().getNetworkOrigin())
                  .isEqualTo(NetworkOrigin.Internet);
              assertThat(accessPoints.find(PREFIX + "vpc").orElseThrow().vpcConfiguration())
                  .isNull();
              assertThat(accessPoints.statements(PREFIX + "vpc").toString()).contains(CONSUMER);
            });
  }

  @Test
  void aPrincipalAwsRefusesHoldsOnlyThatShare() {
    String bucket = "apchoice-principal";
    owner.createBucket(bucket);
    operator.faults.accessPointRefusesPrincipal(CONSUMER);
    apply(AccessPointFixture.viaAccessPoint(share("refused", bucket, List.of()), "refused"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("refused");
              assertThat(Shares.condition(share, Conditions.RECONCILING))
                  .hasValueSatisfying(
                      c -> assertThat(c.getReason()).isEqualTo("WaitingForPrincipal"));
              assertThat(Shares.ready(share)).isEqualTo("Unknown/WaitingForPrincipal");
            });
    assertThat(accessPoints.statements(PREFIX + "refused")).isEmpty();

    operator.faults.clear();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get("refused"))).isEqualTo("True/Granted"));
  }

  @Test
  void theAccessPointQuotaStallsTheShareUntilThereIsRoom() {
    String bucket = "apchoice-quota";
    owner.createBucket(bucket);
    operator.faults.s3ControlError(
        "CreateAccessPoint", 400, "TooManyAccessPoints", Integer.MAX_VALUE);
    apply(AccessPointFixture.viaAccessPoint(share("quota", bucket, List.of()), "quota"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Shares.stalledReason(get("quota")))
                    .isEqualTo("AccessPointLimitReached"));
    assertThat(accessPoints.find(PREFIX + "quota")).isEmpty();

    operator.faults.clear();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(get("quota"))).isEqualTo("True/Granted"));
  }

  /** A foreign statement of about {@code bytes} bytes. */
  private static ObjectNode filler(String bucket, int bytes) {
    ObjectNode statement = new ObjectMapper().createObjectNode();
    statement.put("Sid", "TheirArchive");
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", "arn:aws:iam::252525252525:root");
    statement.put("Action", "s3:GetObject");
    ArrayNode resources = statement.putArray("Resource");
    int i = 0;
    while (statement.toString().length() < bytes) {
      resources.add("arn:aws:s3:::" + bucket + "/archive/" + String.format("%05d", i++) + "/*");
    }
    return statement;
  }

  private static BucketShare auto(BucketShare share) {
    share.getSpec().setVia(ShareVia.Auto);
    return share;
  }

  private static List<ObjectNode> ours(String bucket) {
    return withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix());
  }

  static BucketShare share(String name, String bucket, List<String> prefixes) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        Access.Read,
        List.of(Consumer.account(CONSUMER)),
        prefixes);
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
