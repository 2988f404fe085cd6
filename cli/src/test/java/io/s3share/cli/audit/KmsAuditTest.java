package io.s3share.cli.audit;

import static io.s3share.cli.audit.AuditorTest.OURS;
import static io.s3share.cli.audit.AuditorTest.OWNER;
import static io.s3share.cli.audit.AuditorTest.kinds;
import static io.s3share.cli.audit.AuditorTest.policy;
import static io.s3share.cli.audit.AuditorTest.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.bucketshare.ShareDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit's KMS findings on bucket and key policies given by hand. */
class KmsAuditTest {

  static final String KEY = "arn:aws:kms:eu-west-1:" + OWNER + ":key/1234abcd";
  static final String ALLOWED = "arn:aws:iam::222222222222:root";
  static final String REFUSED = "arn:aws:iam::333333333333:root";

  // Both consumers may read objects through the bucket policy; only the first may use the key.
  static final String BUCKET_POLICY =
      policy(
          statement(OURS, "{\"AWS\":\"" + ALLOWED + "\"}", "data/*"),
          statement("Partner", "{\"AWS\":\"" + REFUSED + "\"}", "partner/*"),
          "{\"Sid\":\"ListOnly\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444444444444\"},"
              + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::data\"}");

  static final String KEY_POLICY =
      policy(
          "{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
              + OWNER
              + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}",
          "{\"Sid\":\"ConsumerViaS3\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
              + ALLOWED
              + "\"},\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey\"],\"Resource\":\"*\","
              + "\"Condition\":{\"StringEquals\":"
              + "{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}}");

  @Test
  void aConsumerTheKeyPolicyLeavesOutIsHighAndToldWhatToAdd() {
    AuditReport report = audit(new ShareDocuments.CustomerKey(KEY, KEY_POLICY));

    assertThat(report.findings())
        .filteredOn(f -> f.kind().startsWith("Kms"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.kind()).isEqualTo("KmsKeyDenies");
              assertThat(f.message())
                  .contains(REFUSED, KEY, "partner/", "kms:Decrypt")
                  .contains(
                      "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                          + REFUSED
                          + "\"},\"Action\":[\"kms:Decrypt\"],\"Resource\":\"*\","
                          + "\"Condition\":{\"StringEquals\":"
                          + "{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}}")
                  .doesNotContain(ALLOWED);
            });
    assertThat(report.failsAt(Severity.HIGH)).isTrue();
    assertThat(report.encryption())
        .containsExactly(new AuditReport.BucketEncryption("data", "SSE-KMS", KEY, "checked"));
  }

  @Test
  void aKeyPolicyWithoutTheViaServiceConditionStillServesS3() {
    String open = KEY_POLICY.replace("\"ConsumerViaS3\"", "\"Consumer\"").replace(ALLOWED, "*");

    AuditReport report = audit(new ShareDocuments.CustomerKey(KEY, open));

    assertThat(kinds(report)).noneMatch(k -> k.contains("Kms"));
  }

  @Test
  void theAwsManagedKeyServesNoOtherAccount() {
    AuditReport report = audit(new ShareDocuments.AwsManagedKey("aws/s3"));

    assertThat(report.findings())
        .filteredOn(f -> f.kind().equals("KmsAwsManagedKey"))
        .extracting(f -> f.severity() + " " + f.message().substring(0, f.message().indexOf(' ')))
        .containsExactly("HIGH " + ALLOWED, "HIGH " + REFUSED);
  }

  @Test
  void theAwsManagedKeyIsNoFindingForTheOwnAccount() {
    String own = "arn:aws:iam::" + OWNER + ":role/reader";
    String policy = policy(statement("Own", "{\"AWS\":\"" + own + "\"}", "*"));

    AuditReport report =
        Auditor.audit(
            List.of(bucket(policy, new ShareDocuments.AwsManagedKey("aws/s3"))), List.of());

    assertThat(report.access()).extracting(AccessRow::principal).containsExactly(own);
    assertThat(kinds(report)).isEmpty();
  }

  @Test
  void sseS3IsNoFinding() {
    assertThat(kinds(audit(ShareDocuments.NO_KEY)))
        .containsExactly("MEDIUM ForeignCrossAccountGrant", "MEDIUM ForeignCrossAccountGrant");
  }

  @Test
  void whatCouldNotBeReadSaysWhatToGrant() {
    AuditReport encryption =
        audit(
            new ShareDocuments.UnreadableKey(
                ShareDocuments.Cause.ENCRYPTION_NOT_READABLE, "", "denied"));
    AuditReport keyPolicy =
        audit(
            new ShareDocuments.UnreadableKey(
                ShareDocuments.Cause.POLICY_NOT_READABLE, KEY, "denied"));

    assertThat(encryption.findings())
        .filteredOn(f -> f.kind().equals("KmsNotReadable"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.message()).contains("s3:GetEncryptionConfiguration");
            });
    assertThat(keyPolicy.findings())
        .filteredOn(f -> f.kind().equals("KmsNotReadable"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("kms:GetKeyPolicy", KEY));
  }

  @Test
  void aKeyInAThirdAccountIsNamedNotJudged() {
    String foreignKey = "arn:aws:kms:eu-west-1:999999999999:key/abc";

    AuditReport report =
        audit(
            new ShareDocuments.UnreadableKey(
                ShareDocuments.Cause.OTHER_ACCOUNT, foreignKey, "other"));

    assertThat(report.findings())
        .filteredOn(f -> f.kind().startsWith("Kms"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("KmsKeyInOtherAccount");
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.message()).contains(foreignKey, ALLOWED, REFUSED);
            });
  }

  private static AuditReport audit(ShareDocuments.KeySide key) {
    return Auditor.audit(List.of(bucket(BUCKET_POLICY, key)), List.of());
  }

  private static Evidence.Bucket bucket(String policy, ShareDocuments.KeySide key) {
    return new Evidence.Bucket(
        OWNER,
        "eu-west-1",
        "data",
        Optional.of(policy),
        List.of(),
        List.of(),
        key,
        Map.of(Evidence.grantKey(OURS, "222222222222"), "team/data"),
        "S3SharetestX");
  }
}
