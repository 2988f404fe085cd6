package io.s3share.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.bucketshare.ShareDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit's judgement on documents given by hand: rows, managers and findings. */
class AuditorTest {

  static final String OWNER = "111111111111";
  static final String OURS = "S3SharetestX0123456789abcdef";

  @Test
  void aManagedGrantIsItsSharesAndAForeignOneIsAFinding() {
    String policy =
        policy(
            statement(OURS, "{\"AWS\":\"arn:aws:iam::222222222222:root\"}", "data/*"),
            statement("Partner", "{\"AWS\":\"333333333333\"}", "partner/*"));

    AuditReport report = Auditor.audit(List.of(bucket(policy, List.of())), List.of());

    assertThat(report.access())
        .extracting(r -> r.principal() + " " + r.prefix() + " " + r.managedBy())
        .containsExactly(
            "arn:aws:iam::222222222222:root data/ BucketShare team/data",
            "333333333333 partner/ foreign");
    assertThat(kinds(report)).containsExactly("MEDIUM ForeignCrossAccountGrant");
    assertThat(report.failsAt(Severity.MEDIUM)).isTrue();
    assertThat(report.failsAt(Severity.HIGH)).isFalse();
  }

  @Test
  void anonymousAccessIsShownOnceAsPublic() {
    String policy =
        policy(
            statement("Open", "\"*\"", "open/*"),
            statement(OURS, "{\"AWS\":\"arn:aws:iam::222222222222:root\"}", "*"));

    AuditReport report = Auditor.audit(List.of(bucket(policy, List.of())), List.of());

    assertThat(report.access())
        .extracting(r -> r.principal() + " " + r.prefix())
        .containsExactly("* (anyone) open/", "arn:aws:iam::222222222222:root *");
    assertThat(kinds(report)).startsWith("CRITICAL PublicAccess");
  }

  @Test
  void aDenyLeavesNoRowAndADeletedRoleIsDangling() {
    String policy =
        policy(
            statement("Old", "{\"AWS\":\"AROAEXAMPLE0000000001\"}", "old/*"),
            statement("Grant", "{\"AWS\":\"444444444444\"}", "x/*"),
            "{\"Sid\":\"NoOne\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::data/x/*\"}");

    AuditReport report = Auditor.audit(List.of(bucket(policy, List.of())), List.of());

    assertThat(report.access()).isEmpty();
    assertThat(report.findings())
        .filteredOn(f -> f.kind().equals("DanglingPrincipal"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("AROAEXAMPLE0000000001", "Old"));
  }

  @Test
  void aclGrantsAndUnmanagedAccessPointsAreFindings() {
    Evidence.Bucket bucket =
        new Evidence.Bucket(
            OWNER,
            "eu-west-1",
            "data",
            Optional.empty(),
            List.of(
                new Evidence.AccessPoint(
                    "legacy",
                    "arn:aws:s3:eu-west-1:" + OWNER + ":accesspoint/legacy",
                    Optional.empty(),
                    Optional.empty())),
            List.of(
                new Evidence.AclGrant("http://acs.amazonaws.com/groups/global/AllUsers", "READ")),
            ShareDocuments.NO_KEY,
            Map.of(),
            "S3SharetestX");

    AuditReport report = Auditor.audit(List.of(bucket), List.of());

    assertThat(kinds(report)).containsExactly("CRITICAL AclGrant", "LOW UnmanagedAccessPoint");
  }

  static List<String> kinds(AuditReport report) {
    return report.findings().stream().map(f -> f.severity() + " " + f.kind()).toList();
  }

  private static Evidence.Bucket bucket(String policy, List<Evidence.AccessPoint> accessPoints) {
    return new Evidence.Bucket(
        OWNER,
        "eu-west-1",
        "data",
        Optional.of(policy),
        accessPoints,
        List.of(),
        ShareDocuments.NO_KEY,
        Map.of(Evidence.grantKey(OURS, "222222222222"), "team/data"),
        "S3SharetestX");
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String statement(String sid, String principal, String keys) {
    return "{\"Sid\":\""
        + sid
        + "\",\"Effect\":\"Allow\",\"Principal\":"
        + principal
        + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/"
        + keys
        + "\"}";
  }
}
