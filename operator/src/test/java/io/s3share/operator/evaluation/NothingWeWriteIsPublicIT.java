package io.s3share.operator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountSettings;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.aws.EndpointOverrides;
import io.s3share.operator.bucketshare.PublicStatements;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * Shares of every kind on one bucket, granted for real through moto, leave nothing public: the
 * bucket policy and every access point policy read back are non-public by S3's rule, and neither
 * principalmapper nor our own evaluator lets an anonymous caller or a caller of an unrelated
 * account in. moto's GetBucketPolicyStatus is asked too, as a weak cross-check: it counts any
 * statement with a Condition as non-public. Its Block Public Access is stored, not enforced, so
 * turning BlockPublicPolicy on shows only that the operator writes on as before and never touches
 * it.
 */
@ExtendWith(MotoExtension.class)
class NothingWeWriteIsPublicIT {

  static final String INSTALLATION = "nopublic";
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER = "818181818181";
  static final String CONSUMER = "828282828201";
  static final String CONSUMER_ROLE = "arn:aws:iam::828282828202:role/etl/loader";
  static final String ORG = "o-nopublic0001";
  static final String OUTSIDER = "arn:aws:iam::999999999999:user/outsider";
  static final String BUCKET = "nopublic-data";
  static final String EAST = "nopublic-owner-east";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static AwsClientFactory factory;
  static AccountClients admin;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "nopublic-owner", OWNER);
    // moto names every access point in us-east-1, so the bucket and its account are there too.
    AwsAccount east = OwnerAccount.resource(EAST, OWNER, moto);
    east.getSpec().setRegion(Region.US_EAST_1.id());
    operator.client.resource(east).serverSideApply();
    factory = MotoAccounts.adminFactory(OWNER);
    admin =
        factory.clientsFor(
            new AccountSettings(
                OWNER,
                Region.US_EAST_1,
                Optional.empty(),
                EndpointOverrides.allAt(moto.endpoint())));
    admin.s3().createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, EAST);
    admin.close();
    factory.close();
    owner.close();
  }

  @Test
  void sharesOfEveryKindLeaveTheBucketAndItsAccessPointsNonPublic() throws Exception {
    List<BucketShare> shares = new ArrayList<>();
    shares.add(share("by-account", Access.Read, Consumer.account(CONSUMER), null));
    shares.add(share("by-role", Access.ReadWrite, Consumer.role(CONSUMER_ROLE), null));
    BucketShare byOrg = share("by-org", Access.List, Consumer.organization(ORG), null);
    byOrg.getSpec().setRequireTls(false);
    shares.add(byOrg);
    shares.add(share("ap-account", Access.Read, Consumer.account(CONSUMER), "nopublic-a"));
    shares.add(share("ap-org", Access.Write, Consumer.organization(ORG), "nopublic-b"));
    shares.forEach(NothingWeWriteIsPublicIT::apply);
    shares.forEach(share -> awaitReady(share.getMetadata().getName()));

    String bucketPolicy = bucketPolicy();
    assertThat(bucketPolicy).contains("s3:DataAccessPointArn").contains(ORG);
    assertNonPublic(bucketPolicy, accessPointPolicies());

    // BlockPublicPolicy on, as a platform team would: the operator writes on and leaves it on.
    admin
        .s3()
        .putPublicAccessBlock(
            b ->
                b.bucket(BUCKET)
                    .publicAccessBlockConfiguration(
                        PublicAccessBlockConfiguration.builder()
                            .blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(true)
                            .build()));
    apply(share("after-block", Access.Write, Consumer.account("828282828203"), null));
    awaitReady("after-block");
    assertThat(bucketPolicy()).isNotEqualTo(bucketPolicy).contains("828282828203");
    assertNonPublic(bucketPolicy(), accessPointPolicies());
    PublicAccessBlockConfiguration block =
        admin.s3().getPublicAccessBlock(b -> b.bucket(BUCKET)).publicAccessBlockConfiguration();
    assertThat(
            List.of(
                block.blockPublicAcls(),
                block.ignorePublicAcls(),
                block.blockPublicPolicy(),
                block.restrictPublicBuckets()))
        .containsOnly(true);
  }

  /** Every check this class makes on the documents the operator wrote. */
  private static void assertNonPublic(String bucketPolicy, Map<String, String> accessPoints)
      throws Exception {
    assertThat(PublicStatements.of(bucketPolicy)).isEmpty();
    // moto: any Condition counts as non-public, so this catches only a bare Principal "*".
    assertThat(admin.s3().getBucketPolicyStatus(b -> b.bucket(BUCKET)).policyStatus().isPublic())
        .isFalse();
    assertThat(accessPoints).hasSize(2);
    accessPoints.forEach(
        (arn, policy) ->
            assertThat(PublicStatements.ofAccessPointPolicy(policy)).as(arn).isEmpty());

    List<CrossCheckCase> strangers = new ArrayList<>();
    List<CrossCheckCase> granted = new ArrayList<>();
    String objects = "arn:aws:s3:::" + BUCKET + "/reports/x";
    for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
      strangers.addAll(outsiders(action, objects, bucketPolicy, Map.of()));
    }
    strangers.addAll(outsiders("s3:ListBucket", "arn:aws:s3:::" + BUCKET, bucketPolicy, Map.of()));
    for (var entry : accessPoints.entrySet()) {
      // Through the access point, the bucket's delegation lets the request on: the access point
      // policy alone decides, so it is the one asked.
      Map<String, List<String>> via =
          Map.of(
              "s3:DataAccessPointArn", List.of(entry.getKey()),
              "s3:DataAccessPointAccount", List.of(OWNER));
      for (String action : List.of("s3:GetObject", "s3:PutObject")) {
        strangers.addAll(
            outsiders(action, entry.getKey() + "/object/reports/x", entry.getValue(), via));
      }
      strangers.addAll(outsiders("s3:ListBucket", entry.getKey(), entry.getValue(), via));
    }
    // The control: a consumer the bucket policy names is let in, so a deny above means something.
    granted.add(resourceCase(CONSUMER_ROLE, "s3:GetObject", objects, bucketPolicy, Map.of()));

    List<CrossCheckCase> all = new ArrayList<>(strangers);
    all.addAll(granted);
    List<String> theirs = Principalmapper.judge(all);
    for (int i = 0; i < strangers.size(); i++) {
      CrossCheckCase c = strangers.get(i);
      assertThat(theirs.get(i))
          .as("principalmapper on %s", c)
          .isIn("IMPLICIT_DENY", "EXPLICIT_DENY");
      assertThat(c.ours()).as("our evaluator on %s", c).isNotEqualTo("ALLOW");
    }
    assertThat(theirs.get(strangers.size())).isEqualTo("ALLOW");
    assertThat(granted.get(0).ours()).isEqualTo("ALLOW");
    // Our evaluator knows the anonymous caller, which principalmapper cannot express.
    for (CrossCheckCase c : strangers) {
      CrossCheckCase anonymous =
          new CrossCheckCase(
              c.mode(),
              OWNER,
              "anonymous",
              c.action(),
              c.resource(),
              c.context(),
              c.bucketPolicy(),
              List.of(),
              null);
      assertThat(anonymous.ours()).as("anonymous on %s", c).isNotEqualTo("ALLOW");
    }
  }

  /**
   * Callers nobody granted: one in an unrelated organization, one in none. principalmapper has no
   * anonymous principal; the caller without an organization stands for it there.
   */
  private static List<CrossCheckCase> outsiders(
      String action, String resource, String policy, Map<String, List<String>> via)
      throws Exception {
    Map<String, List<String>> inOtherOrg = new LinkedHashMap<>(via);
    inOtherOrg.put("aws:PrincipalOrgID", List.of("o-unrelated0001"));
    return List.of(
        resourceCase(OUTSIDER, action, resource, policy, inOtherOrg),
        resourceCase(OUTSIDER, action, resource, policy, via));
  }

  private static CrossCheckCase resourceCase(
      String principal,
      String action,
      String resource,
      String policy,
      Map<String, List<String>> extra)
      throws Exception {
    Map<String, List<String>> context = new LinkedHashMap<>(extra);
    context.put("aws:SecureTransport", List.of("true"));
    return new CrossCheckCase(
        CrossCheckCase.Mode.RESOURCE,
        OWNER,
        principal,
        action,
        resource,
        context,
        CrossCheckCase.JSON.readValue(policy, new TypeReference<Map<String, Object>>() {}),
        List.of(),
        null);
  }

  private static String bucketPolicy() {
    return admin.s3().getBucketPolicy(b -> b.bucket(BUCKET)).policy();
  }

  /** Each access point's policy by its ARN, as the shares' status names them. */
  private static Map<String, String> accessPointPolicies() {
    Map<String, String> policies = new LinkedHashMap<>();
    for (String name : List.of("ap-account", "ap-org")) {
      var accessPoint = get(name).getStatus().getAccessPoint();
      policies.put(
          accessPoint.getArn(),
          admin
              .s3Control()
              .getAccessPointPolicy(b -> b.accountId(OWNER).name(accessPoint.getName()))
              .policy());
    }
    return policies;
  }

  private static BucketShare share(String name, Access access, Consumer consumer, String ap) {
    BucketShare share =
        Shares.share(
            operator.namespace(),
            name,
            EAST,
            BUCKET,
            access,
            List.of(consumer),
            List.of("reports/"));
    if (ap != null) {
      share.getSpec().setVia(ShareVia.AccessPoint);
      AccessPointSpec accessPoint = new AccessPointSpec();
      accessPoint.setName(ap);
      share.getSpec().setAccessPoint(accessPoint);
    }
    return share;
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

  private static void awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(share).isNotNull();
              assertThat(Shares.ready(share)).startsWith("True/");
            });
  }
}
