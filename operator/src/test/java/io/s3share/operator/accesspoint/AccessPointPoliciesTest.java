package io.s3share.operator.accesspoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPointPoliciesTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final String ARN = "arn:aws:s3:us-east-1:111122223333:accesspoint/s3s-unit-reports";
  static final ShareIntent READ_REPORTS =
      new ShareIntent(
          "data",
          List.of(Grantee.account("444455556666")),
          AccessLevel.READ,
          Set.of(),
          List.of("reports/"),
          true);

  @Test
  void grantsObjectsUnderTheAccessPointAndKeepsForeignStatements() {
    String foreign =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Theirs\",\"Effect\":\"Deny\","
            + "\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\""
            + ARN
            + "/object/*\"}]}";

    var plan =
        AccessPointPolicies.plan(Optional.of(foreign), "team-a/reports", READ_REPORTS, ARN, NS);

    String policy = plan.merge().document().orElseThrow();
    assertThat(plan.rejected()).isEmpty();
    assertThat(policy)
        .contains("{\"Sid\":\"Theirs\",\"Effect\":\"Deny\"")
        .contains("\"Resource\":[\"" + ARN + "/object/reports/*\"]")
        .contains("\"s3:prefix\":[\"reports/\",\"reports/*\"]")
        .contains("\"aws:SecureTransport\":[\"true\"]")
        .doesNotContain("arn:aws:s3:::data");
    assertThat(plan.merge().sizeBytes()).isLessThanOrEqualTo(AccessPointPolicies.LIMIT_BYTES);
  }

  @Test
  void theConsumersPolicyNamesTheAccessPointAndNoPrincipal() {
    String policy = AccessPointPolicies.consumerPolicy(READ_REPORTS, ARN);

    assertThat(policy)
        .startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[")
        .contains(ARN + "/object/reports/*")
        .contains("\"Resource\":[\"" + ARN + "\"]")
        .doesNotContain("Principal")
        .doesNotContain("arn:aws:s3:::data");
  }
}
