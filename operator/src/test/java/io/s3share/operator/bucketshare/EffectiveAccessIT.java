package io.s3share.operator.bucketshare;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountSettings;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.aws.EndpointOverrides;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * After each converge, status.effectiveAccess says what the policies read back from moto let each
 * consumer do; foreign statements are placed in moto through the SDK, as another writer would. moto
 * does not evaluate policies across accounts, so the verdicts are the operator's own evaluator's,
 * on the documents moto holds.
 */
@ExtendWith(MotoExtension.class)
class EffectiveAccessIT {

  static final String INSTALLATION = "effaccess";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String OWNER = "919191919191";
  static final String CONSUMER = "929292929201";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static final String EAST = "effaccess-owner-east";

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "effaccess-owner", OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, EAST);
    owner.close();
  }

  @Test
  void theOperatorsOwnGrantIsVerifiedAndStatusStaysPutAcrossResyncs() {
    String bucket = "effaccess-verified";
    owner.createBucket(bucket);
    apply(share("verified", bucket));

    EffectiveAccessStatus access = awaitAccess("verified", "True/Granted");
    assertThat(access.getResult()).isEqualTo(EffectiveAccessResult.Verified);
    assertThat(access.getMessage()).contains("the consumer account must also allow it");
    assertThat(access.getCheckedGeneration())
        .isEqualTo(get("verified").getMetadata().getGeneration());

    // Each resync reads the policy and judges it again; the same verdict patches nothing.
    String version = get("verified").getMetadata().getResourceVersion();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare now = get("verified");
              assertThat(now).isNotNull();
              assertThat(now.getMetadata().getResourceVersion()).isEqualTo(version);
            });
  }

  @Test
  void aForeignDenyShadowsTheGrantUntilItsOwnerRemovesIt() {
    String bucket = "effaccess-shadowed";
    owner.createBucket(bucket);
    ObjectNode hold =
        BucketPolicies.parse(
            "{\"Sid\":\"LegalHoldNoReads\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                + bucket
                + "/*\"}");
    BucketPolicies.put(owner.admin, bucket, List.of(hold));
    apply(share("shadowed", bucket));

    EffectiveAccessStatus shadowed = awaitAccess("shadowed", "False/GrantShadowed");
    assertThat(shadowed.getResult()).isEqualTo(EffectiveAccessResult.Shadowed);
    assertThat(shadowed.getDeniedBy()).containsExactly("LegalHoldNoReads");
    assertThat(shadowed.getMessage())
        .contains("account " + CONSUMER + " cannot make s3:GetObject")
        .contains("LegalHoldNoReads");
    assertThat(Shares.stalledReason(get("shadowed"))).isEqualTo("GrantShadowed");
    // Our statements are written, and the foreign Deny is left exactly as it was.
    assertThat(withSidPrefix(statements(owner.admin, bucket), OURS.sidPrefix())).isNotEmpty();
    assertThat(statements(owner.admin, bucket)).contains(hold);

    List<ObjectNode> withoutHold = new ArrayList<>(statements(owner.admin, bucket));
    withoutHold.removeIf(statement -> "LegalHoldNoReads".equals(statement.path("Sid").asText()));
    BucketPolicies.put(owner.admin, bucket, withoutHold);

    EffectiveAccessStatus verified = awaitAccess("shadowed", "True/Granted");
    assertThat(verified.getResult()).isEqualTo(EffectiveAccessResult.Verified);
    assertThat(verified.getDeniedBy()).isNull();
  }

  @Test
  void restrictPublicBucketsWithAPublicForeignStatementShadowsTheGrantUntilItIsLifted() {
    String bucket = "effaccess-bpa";
    owner.createBucket(bucket);
    BucketPolicies.put(
        owner.admin,
        bucket,
        List.of(
            BucketPolicies.parse(
                "{\"Sid\":\"PublicSite\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                    + bucket
                    + "/site/*\"}")));
    owner
        .admin
        .s3()
        .putPublicAccessBlock(
            b ->
                b.bucket(bucket)
                    .publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
    apply(share("bpa", bucket));

    EffectiveAccessStatus blocked = awaitAccess("bpa", "False/GrantShadowed");
    assertThat(blocked.getDeniedBy()).containsExactly("PublicSite");
    assertThat(blocked.getMessage()).contains("RestrictPublicBuckets");

    owner.admin.s3().deletePublicAccessBlock(b -> b.bucket(bucket));

    EffectiveAccessStatus open = awaitAccess("bpa", "True/Granted");
    assertThat(open.getResult()).isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void aForeignGrantOfEverythingIsReportedAsWiderWhileTheShareStaysReady() {
    String bucket = "effaccess-wider";
    owner.createBucket(bucket);
    BucketPolicies.put(
        owner.admin,
        bucket,
        List.of(
            BucketPolicies.parse(
                "{\"Sid\":\"LegacyFullAccess\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                    + CONSUMER
                    + ":root\"},\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
                    + bucket
                    + "\",\"arn:aws:s3:::"
                    + bucket
                    + "/*\"]}")));
    apply(share("wider", bucket));

    EffectiveAccessStatus wider = awaitAccess("wider", "True/Granted");
    assertThat(wider.getResult()).isEqualTo(EffectiveAccessResult.Wider);
    assertThat(wider.getDeniedBy()).containsExactly("LegacyFullAccess");
    assertThat(wider.getMessage()).contains("s3:PutObject").contains("LegacyFullAccess");
  }

  @Test
  void aDefaultKmsKeyThatDeniesTheConsumerKeepsTheShareNotReadyUntilItsPolicyAllows() {
    String bucket = "effaccess-kms";
    owner.createBucket(bucket);
    var key =
        owner.admin.kms().createKey(b -> b.description("effaccess default key")).keyMetadata();
    owner
        .admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(bucket)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.applyServerSideEncryptionByDefault(
                                        d ->
                                            d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                .kmsMasterKeyID(key.keyId())))));
    // The operator keeps the consumer's Allow in the key policy itself; a foreign explicit Deny
    // outweighs it, so the share stays KmsKeyDenies until the key's owner lifts the Deny.
    putKeyPolicyWithOwnerAnd(
        key.keyId(),
        "{\"Sid\":\"NoConsumerDecrypt\",\"Effect\":\"Deny\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + CONSUMER
            + ":root\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}");
    apply(share("kms", bucket));

    EffectiveAccessStatus denied = awaitAccess("kms", "False/KmsKeyDenies");
    assertThat(denied.getResult()).isEqualTo(EffectiveAccessResult.KeyDenies);
    assertThat(denied.getMessage()).contains(key.arn()).contains("kms:Decrypt");
    assertThat(denied.getDeniedBy()).containsExactly("NoConsumerDecrypt");

    putKeyPolicyWithOwnerAnd(
        key.keyId(),
        "{\"Sid\":\"Auditors\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OWNER
            + ":role/Auditor\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\"}");

    // The Deny is gone; the operator's statement, written back at resync, lets the consumer in.
    EffectiveAccessStatus allowed = awaitAccess("kms", "True/Granted");
    assertThat(allowed.getResult()).isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void anAccessPointShareIsVerifiedThroughItsAccessPointAndTheDelegation(MotoServer moto) {
    // moto gives every access point ARN the Region us-east-1, where AWS gives the bucket's
    // Region, and the delegation names the account's Region: so this share's bucket and account
    // are in us-east-1, where moto and AWS agree.
    AwsAccount east = OwnerAccount.resource(EAST, OWNER, moto);
    east.getSpec().setRegion(Region.US_EAST_1.id());
    operator.client.resource(east).serverSideApply();
    String bucket = "effaccess-ap";
    try (AwsClientFactory factory = MotoAccounts.adminFactory(OWNER);
        AccountClients admin =
            factory.clientsFor(
                new AccountSettings(
                    OWNER,
                    Region.US_EAST_1,
                    Optional.empty(),
                    EndpointOverrides.allAt(moto.endpoint())))) {
      admin.s3().createBucket(b -> b.bucket(bucket));
    }
    BucketShare share = share("through-ap", bucket);
    share.getSpec().getBucket().setAccountRef(EAST);
    share.getSpec().setVia(ShareVia.AccessPoint);
    AccessPointSpec accessPoint = new AccessPointSpec();
    accessPoint.setName("through-ap");
    share.getSpec().setAccessPoint(accessPoint);
    apply(share);

    EffectiveAccessStatus access = awaitAccess("through-ap", "True/Granted");
    assertThat(access.getResult())
        .as(access.getMessage())
        .isEqualTo(EffectiveAccessResult.Verified);
    assertThat(get("through-ap").getStatus().getGrantedVia()).isEqualTo(ShareVia.AccessPoint);
  }

  /** Writes the key policy as its owner would: the owner's own statement, then {@code other}. */
  private static void putKeyPolicyWithOwnerAnd(String keyId, String other) {
    owner
        .admin
        .kms()
        .putKeyPolicy(
            b ->
                b.keyId(keyId)
                    .policyName("default")
                    .policy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                            + "{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::"
                            + OWNER
                            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                            + other
                            + "]}"));
  }

  /** Waits for the Ready summary (e.g. "True/Granted") and returns the effective access then. */
  private static EffectiveAccessStatus awaitAccess(String name, String ready) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(share).isNotNull();
              assertThat(Shares.ready(share)).isEqualTo(ready);
              assertThat(share.getStatus().getEffectiveAccess()).isNotNull();
            });
    return get(name).getStatus().getEffectiveAccess();
  }

  static BucketShare share(String name, String bucket) {
    return Shares.share(
        operator.namespace(),
        name,
        "effaccess-owner",
        bucket,
        Access.Read,
        List.of(Consumer.account(CONSUMER)),
        List.of("reports/"));
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
