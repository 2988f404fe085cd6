package io.s3share.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DETAIL column of the sandbox's status table. */
class StatusReportTest {

  static final String ARN = "arn:aws:s3:us-east-1:111111111111:accesspoint/s3s-sandbox-reports";
  static final String ALIAS = "s3s-sandbox-reports-a1b2c3d4e5f6g7h8i9j0k1l2m3n4-s3alias";

  @Test
  void aShareGrantedThroughAnAccessPointShowsItsArnAndAlias() {
    Map<String, Object> status =
        Map.of(
            "grantedVia",
            "AccessPoint",
            "accessPoint",
            Map.of("name", "s3s-sandbox-reports", "arn", ARN, "alias", ALIAS));

    assertThat(StatusReport.detail(status)).isEqualTo("access point " + ARN + " alias " + ALIAS);
  }

  @Test
  void anAccessPointNotYetReportedShowsWhatThereIs() {
    assertThat(StatusReport.detail(Map.of("accessPoint", Map.of("arn", ARN))))
        .isEqualTo("access point " + ARN);
    assertThat(StatusReport.detail(Map.of("accessPoint", Map.of()))).isEmpty();
  }

  @Test
  void otherKindsKeepTheirDetail() {
    assertThat(StatusReport.detail(Map.of("statementIds", List.of("s3share-a-0"))))
        .isEqualTo("statements [s3share-a-0]");
    assertThat(StatusReport.detail(Map.of("roleArn", "arn:aws:iam::111111111111:role/r")))
        .isEqualTo("role arn:aws:iam::111111111111:role/r");
    assertThat(StatusReport.detail(Map.of())).isEmpty();
  }

  @Test
  void aSharedBucketShowsItsMigration() {
    Map<String, Object> before =
        Map.of(
            "objectOwnership",
            "None",
            "aclMigration",
            "NotRequested",
            "aclGrants",
            List.of(Map.of("grantee", "abc", "actions", List.of("s3:ListBucket"))));
    Map<String, Object> after =
        Map.of(
            "objectOwnership",
            "BucketOwnerEnforced",
            "aclMigration",
            "Enforced",
            "aclGrants",
            List.of(
                Map.of(
                    "grantee", "abc", "actions", List.of("s3:ListBucket"), "statementId", "S1")));

    assertThat(StatusReport.detail(before))
        .isEqualTo(
            "ownership None, ACL migration NotRequested, 1 cross-account ACL grant(s) found, 0"
                + " moved into the bucket policy");
    assertThat(StatusReport.detail(after))
        .contains("ownership BucketOwnerEnforced, ACL migration Enforced")
        .endsWith("1 moved into the bucket policy");
  }

  @Test
  void aShareShowsItsBucketsFindingsAndItsKeyPolicy() {
    Map<String, Object> status =
        Map.of(
            "posture",
            Map.of(
                "findings",
                List.of(
                    Map.of("reason", "AclsEnabled", "severity", "Blocking"),
                    Map.of("reason", "AccessLoggingOff", "severity", "BestPractice"))),
            "keyPolicy",
            Map.of(
                "keyArn", "arn:aws:kms:eu-west-1:111111111111:key/k",
                "management", "Manage",
                "statementIds", List.of("S3ShareKeyA")));

    assertThat(StatusReport.posture(status))
        .hasValue(
            "posture: AclsEnabled (Blocking), AccessLoggingOff (BestPractice); key policy of"
                + " arn:aws:kms:eu-west-1:111111111111:key/k: Manage, statements [S3ShareKeyA]");
    assertThat(StatusReport.posture(Map.of("posture", Map.of()))).hasValue("posture: no findings");
    assertThat(StatusReport.posture(Map.of("statementIds", List.of("S1")))).isEmpty();
  }
}
