package io.s3share.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code s3share audit} on a bucket encrypted with a customer managed KMS key created in moto, two
 * consumers granted by the real operator, and a key policy that lets only one of them use the key
 * through S3.
 */
@ExtendWith(MotoExtension.class)
class CliKmsIT {

  static final String INSTALLATION = "clikms";
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER = "414141414141";
  static final String BUCKET = "cli-kms-data";
  static final String KEY_USER = "242400000001";
  static final String NO_KEY_USER = "242400000002";
  static final String POLICY = "cli-kms-sharing";
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator =
      OperatorUnderTest.createEnforcing(INSTALLATION, Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static KeyMetadata key;
  static CliRun cli;

  @BeforeAll
  static void encryptedBucketAndTwoShares(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "cli-kms-owner", OWNER);
    owner.createBucket(BUCKET);
    key = owner.admin.kms().createKey(b -> b.description("cli-kms default key")).keyMetadata();
    String region = key.arn().split(":")[3];
    owner
        .admin
        .kms()
        .putKeyPolicy(
            b ->
                b.keyId(key.keyId())
                    .policyName("default")
                    .policy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                            + "{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::"
                            + OWNER
                            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                            + "{\"Sid\":\"ReadersViaS3\",\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::"
                            + KEY_USER
                            + ":root\"},\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey\"],"
                            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                            + "{\"kms:ViaService\":\"s3."
                            + region
                            + ".amazonaws.com\"}}}]}"));
    owner
        .admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(BUCKET)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.applyServerSideEncryptionByDefault(
                                        d ->
                                            d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                .kmsMasterKeyID(key.arn())))));
    SharingPolicy sharing =
        SharingPolicies.policy(
            POLICY,
            Map.of("kubernetes.io/metadata.name", operator.namespace()),
            "cli-kms-owner",
            List.of(BUCKET),
            List.of(KEY_USER, NO_KEY_USER),
            List.of(),
            Access.ReadWrite,
            List.of(SharingMethod.BucketPolicy));
    // The key policy is managed here by hand, so that the audit has a consumer the key leaves out.
    sharing.getSpec().setKeyPolicy(KeyPolicyManagement.Report);
    operator.client.resource(sharing).serverSideApply();
    operator.client.resource(share("with-key", KEY_USER)).serverSideApply();
    operator.client.resource(share("without-key", NO_KEY_USER)).serverSideApply();
    // Both grants in the bucket policy, as read back from moto: the audit judges what is there.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(BucketPolicies.document(owner.admin, BUCKET))
                    .hasValueSatisfying(
                        policy -> assertThat(policy.toString()).contains(KEY_USER, NO_KEY_USER)));
    cli = new CliRun(operator.client, INSTALLATION);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void theTableNamesTheConsumerTheKeyLeavesOutAndFailsAtHigh() {
    CliRun.Result result = cli.run("audit", "--fail-on", "HIGH");

    String out = result.out();
    List<String> kms = out.lines().filter(line -> line.contains(" Kms")).toList();
    assertThat(kms)
        .as(out)
        .singleElement()
        .asString()
        .startsWith("HIGH")
        .contains("KmsKeyDenies", BUCKET, root(NO_KEY_USER), key.arn(), "kms:Decrypt")
        .contains("\"kms:ViaService\"")
        .doesNotContain(root(KEY_USER));
    assertThat(out).doesNotContain("KmsNotChecked");
    assertThat(result.exitCode()).as(out).isEqualTo(1);
    assertThat(cli.calls.mutating()).as("%s", cli.calls.counts()).isZero();
  }

  @Test
  void theJsonCarriesTheFindingAndTheBucketsKey() throws IOException {
    CliRun.Result result = cli.run("audit", "-o", "json", "--fail-on", "HIGH");

    JsonNode report = JSON.readTree(result.out());
    List<JsonNode> kms =
        StreamSupport.stream(report.get("findings").spliterator(), false)
            .filter(f -> f.get("kind").asText().startsWith("Kms"))
            .toList();
    assertThat(kms).as(result.out()).hasSize(1);
    assertThat(kms.get(0).get("severity").asText()).isEqualTo("HIGH");
    assertThat(kms.get(0).get("kind").asText()).isEqualTo("KmsKeyDenies");
    assertThat(kms.get(0).get("message").asText())
        .contains(root(NO_KEY_USER), key.arn())
        .doesNotContain(root(KEY_USER));
    assertThat(report.get("encryption"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("bucket").asText()).isEqualTo(BUCKET);
              assertThat(e.get("encryption").asText()).isEqualTo("SSE-KMS");
              assertThat(e.get("key").asText()).isEqualTo(key.arn());
              assertThat(e.get("keyPolicy").asText()).isEqualTo("checked");
            });
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void belowTheThresholdTheExitCodeIsZero() {
    CliRun.Result result = cli.run("audit", "--fail-on", "CRITICAL");

    assertThat(result.out()).contains("KmsKeyDenies");
    assertThat(result.exitCode()).as(result.out()).isZero();
  }

  private static String root(String account) {
    return "arn:aws:iam::" + account + ":root";
  }

  private static io.s3share.operator.api.v1alpha1.BucketShare share(String name, String consumer) {
    return Shares.share(
        operator.namespace(),
        name,
        "cli-kms-owner",
        BUCKET,
        Access.Read,
        List.of(Consumer.account(consumer)),
        List.of("data/"));
  }
}
