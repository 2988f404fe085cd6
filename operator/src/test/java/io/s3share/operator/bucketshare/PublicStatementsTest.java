package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which bucket-policy statements S3 counts as public. */
class PublicStatementsTest {

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String allowEveryone(String sid, String condition) {
    return "{\"Sid\":\""
        + sid
        + "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::data/*\""
        + (condition == null ? "" : ",\"Condition\":" + condition)
        + "}";
  }

  @Test
  void anAllowToEveryoneWithoutAPinningConditionIsPublic() {
    assertThat(PublicStatements.of(policy(allowEveryone("Open", null)))).containsExactly("Open");
    assertThat(
            PublicStatements.of(
                policy(
                    allowEveryone("AnyVpce", "{\"StringLike\":{\"aws:SourceVpce\":\"vpce-*\"}}"))))
        .containsExactly("AnyVpce");
    assertThat(
            PublicStatements.of(
                policy(allowEveryone("World", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"))))
        .containsExactly("World");
  }

  @Test
  void fixedValuesOfWhoOrWhereKeepItNonPublic() {
    assertThat(
            PublicStatements.of(
                policy(
                    allowEveryone(
                        "Org", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcdefghij\"}}"),
                    allowEveryone(
                        "Office", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"))))
        .isEmpty();
  }

  @Test
  void theOperatorsOwnStatementsAndDelegationAreNotPublic() {
    SidNamespace ns = new SidNamespace("unit");
    ShareIntent intent =
        new ShareIntent(
            "data",
            List.of(Grantee.account("444455556666"), Grantee.organization("o-abcdefghij")),
            AccessLevel.READ_WRITE,
            Set.of(),
            List.of("reports/"),
            true);
    String ours =
        BudgetedMerge.plan(
                Optional.empty(),
                List.of(
                    new BudgetedMerge.ShareGrants("ns/a", Grants.forShare(intent)),
                    Delegation.forShares(
                            "data",
                            "111122223333",
                            "arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-*",
                            List.of(intent))
                        .orElseThrow()),
                ns,
                20 * 1024)
            .merge()
            .document()
            .orElseThrow();

    assertThat(PublicStatements.of(ours)).isEmpty();
  }

  @Test
  void denyStatementsAndUnreadablePoliciesAreNeverPublic() {
    assertThat(
            PublicStatements.of(
                policy(allowEveryone("Deny", null).replace("\"Allow\"", "\"Deny\""))))
        .isEmpty();
    assertThat(PublicStatements.of("not json")).isEmpty();
  }

  // The rest follow S3's published definition of a public bucket policy ("The meaning of
  // public" in the S3 User Guide), key by key.

  @Test
  void aFixedKmsKeyIdIsAPinningKeyAsS3ListsIt() {
    assertThat(
            PublicStatements.of(
                policy(
                    allowEveryone(
                        "OneKey",
                        "{\"StringEquals\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":"
                            + "\"arn:aws:kms:eu-west-1:111122223333:key/k\"}}"))))
        .isEmpty();
  }

  @Test
  void sourceIpRangesBroaderThanSlash8OrSlash32ForIpv6ArePublic() {
    assertThat(
            PublicStatements.of(
                policy(
                    allowEveryone("Half", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/1\"}}"),
                    allowEveryone("Wide6", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/16\"}}"),
                    allowEveryone("Slash8", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"),
                    allowEveryone(
                        "Narrow6", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/48\"}}"),
                    allowEveryone("Host", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.7\"}}"))))
        .containsExactly("Half", "Wide6");
  }

  @Test
  void aFederatedPrincipalIsPublicUnlessPinned() {
    String federated =
        "{\"Sid\":\"Web\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
            + "\"graph.facebook.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}";
    String service =
        "{\"Sid\":\"Trail\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}";
    assertThat(PublicStatements.of(policy(federated, service))).containsExactly("Web");
  }

  @Test
  void anAccessPointPolicyIsPublicWhenOnlyDataAccessPointArnPinsIt() {
    String delegation =
        allowEveryone(
            "Ours",
            "{\"StringLike\":{\"s3:DataAccessPointArn\":"
                + "\"arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-*\"}}");
    assertThat(PublicStatements.of(policy(delegation))).isEmpty();
    assertThat(PublicStatements.ofAccessPointPolicy(policy(delegation))).containsExactly("Ours");
    assertThat(
            PublicStatements.ofAccessPointPolicy(
                policy(
                    allowEveryone(
                        "Org", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcdefghij\"}}"))))
        .isEmpty();
  }
}
