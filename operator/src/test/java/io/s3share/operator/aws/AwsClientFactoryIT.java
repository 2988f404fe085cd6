package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Proves the AWS side of the harness is real: the operator's client factory, through the real SDK
 * v2, against a real moto server, for every service the operator uses.
 */
@ExtendWith(MotoExtension.class)
class AwsClientFactoryIT {

  /** The bucket owner, account A. */
  static final String OWNER = "111111111111";

  /** The consumer, account B: moto's default account, which base credentials act as. */
  static final String CONSUMER = MotoAccounts.MOTO_DEFAULT_ACCOUNT;

  static final ObjectMapper JSON = new ObjectMapper();
  static AwsClientFactory ownerAdmin;
  static AwsClientFactory operatorFactory;
  static MotoServer moto;

  @BeforeAll
  static void factories(MotoServer server) {
    moto = server;
    ownerAdmin = MotoAccounts.adminFactory(OWNER);
    operatorFactory = new AwsClientFactory(MotoAccounts.fakeCredentials(), List.of());
  }

  @AfterAll
  static void close() {
    ownerAdmin.close();
    operatorFactory.close();
  }

  @Test
  void bucketPolicyRoundTripInTheOwnerAccount() throws Exception {
    try (AccountClients owner = ownerAdmin.clientsFor(MotoAccounts.direct(moto, OWNER))) {
      var s3 = owner.s3();
      s3.createBucket(
          b ->
              b.bucket("reports")
                  .createBucketConfiguration(
                      c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
      String policy = readOnlyPolicyFor(CONSUMER, "reports");

      s3.putBucketPolicy(b -> b.bucket("reports").expectedBucketOwner(OWNER).policy(policy));
      String stored =
          s3.getBucketPolicy(b -> b.bucket("reports").expectedBucketOwner(OWNER)).policy();
      assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree(policy));

      s3.deleteBucketPolicy(b -> b.bucket("reports").expectedBucketOwner(OWNER));
      assertThatThrownBy(() -> s3.getBucketPolicy(b -> b.bucket("reports")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));
    }
  }

  @Test
  void accessPointAndItsPolicyThroughS3Control() throws Exception {
    try (AccountClients owner = ownerAdmin.clientsFor(MotoAccounts.direct(moto, OWNER))) {
      owner
          .s3()
          .createBucket(
              b ->
                  b.bucket("shared-data")
                      .createBucketConfiguration(
                          c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
      var s3Control = owner.s3Control();
      String arn =
          s3Control
              .createAccessPoint(b -> b.accountId(OWNER).name("team-b").bucket("shared-data"))
              .accessPointArn();
      assertThat(arn).contains(OWNER).endsWith("accesspoint/team-b");

      String policy =
          """
          {"Version":"2012-10-17","Statement":[{"Sid":"ReadViaAccessPoint","Effect":"Allow",\
          "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"s3:GetObject",\
          "Resource":"%s/object/*"}]}"""
              .formatted(CONSUMER, arn);
      s3Control.putAccessPointPolicy(b -> b.accountId(OWNER).name("team-b").policy(policy));

      String stored =
          s3Control.getAccessPointPolicy(b -> b.accountId(OWNER).name("team-b")).policy();
      assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree(policy));
      assertThat(s3Control.getAccessPoint(b -> b.accountId(OWNER).name("team-b")).bucket())
          .isEqualTo("shared-data");
    }
  }

  @Test
  void roleWithTrustAndInlinePolicyReadsBackDecoded() throws Exception {
    try (AccountClients owner = ownerAdmin.clientsFor(MotoAccounts.direct(moto, OWNER))) {
      var iam = owner.iam();
      String trust = trustPolicyFor(CONSUMER);
      String inline = readOnlyPolicyFor(null, "reports");

      String arn =
          iam.createRole(b -> b.roleName("reports-reader").assumeRolePolicyDocument(trust))
              .role()
              .arn();
      iam.putRolePolicy(
          b -> b.roleName("reports-reader").policyName("s3-access").policyDocument(inline));

      assertThat(arn).isEqualTo("arn:aws:iam::" + OWNER + ":role/reports-reader");
      String storedTrust =
          iam.getRole(b -> b.roleName("reports-reader")).role().assumeRolePolicyDocument();
      String storedInline =
          iam.getRolePolicy(b -> b.roleName("reports-reader").policyName("s3-access"))
              .policyDocument();
      // IAM returns policy documents URL-encoded, as AWS does.
      assertThat(decoded(storedTrust)).isEqualTo(JSON.readTree(trust));
      assertThat(decoded(storedInline)).isEqualTo(JSON.readTree(inline));
    }
  }

  @Test
  void consumerAssumesOwnerRoleAndActsInTheOwnerAccount() {
    try (AccountClients owner = ownerAdmin.clientsFor(MotoAccounts.direct(moto, OWNER))) {
      owner
          .iam()
          .createRole(
              b -> b.roleName("operator").assumeRolePolicyDocument(trustPolicyFor(CONSUMER)));
    }
    try (AccountClients consumer = operatorFactory.clientsFor(MotoAccounts.direct(moto, CONSUMER));
        AccountClients assumed =
            operatorFactory.clientsFor(MotoAccounts.viaRole(moto, OWNER, "operator"))) {
      assertThat(consumer.sts().getCallerIdentity().account()).isEqualTo(CONSUMER);

      GetCallerIdentityResponse identity = assumed.sts().getCallerIdentity();
      assertThat(identity.account()).isEqualTo(OWNER);
      assertThat(identity.arn())
          .isEqualTo(
              "arn:aws:sts::"
                  + OWNER
                  + ":assumed-role/operator/"
                  + AccountSettings.DEFAULT_SESSION_NAME);

      // What the assumed clients create lands in the owner's account, not the caller's.
      assumed
          .s3()
          .createBucket(
              b ->
                  b.bucket("created-by-assumed-role")
                      .createBucketConfiguration(
                          c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    }
    try (AccountClients owner = ownerAdmin.clientsFor(MotoAccounts.direct(moto, OWNER))) {
      assertThat(owner.s3().listBuckets().buckets())
          .extracting(b -> b.name())
          .contains("created-by-assumed-role");
    }
  }

  private static JsonNode decoded(String urlEncoded) throws Exception {
    return JSON.readTree(URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
  }

  private static String trustPolicyFor(String account) {
    return """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
        "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
        .formatted(account);
  }

  /** A read grant; with a principal for bucket policies, without one for identity policies. */
  private static String readOnlyPolicyFor(String account, String bucket) {
    String principal =
        account == null ? "" : "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},";
    return """
        {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow",%s\
        "Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/reports/*"]}]}"""
        .formatted(principal, bucket);
  }
}
