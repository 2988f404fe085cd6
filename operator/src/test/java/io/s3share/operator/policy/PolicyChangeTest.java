package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyChangeTest {

  private static final SidNamespace NS = new SidNamespace("prod");
  private static final String FOREIGN =
      "{\"Sid\":\"AllowLogs\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},"
          + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::data/logs/*\"}";

  private static BudgetedMerge.ShareGrants share(String id, String account, String prefix) {
    return new BudgetedMerge.ShareGrants(
        id,
        Grants.forShare(
            new ShareIntent(
                "data",
                List.of(Grantee.account(account)),
                AccessLevel.READ,
                Set.of(),
                List.of(prefix),
                true)));
  }

  private static Optional<String> policyOf(List<BudgetedMerge.ShareGrants> shares) {
    Optional<String> withForeign =
        Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN + "]}");
    return BudgetedMerge.plan(withForeign, shares, NS, MergeResult.BUCKET_POLICY_LIMIT_BYTES)
        .merge()
        .document();
  }

  @Test
  void aNewPolicyAddsEveryStatementForEveryShare() {
    var a = share("team/a", "222222222222", "reports/");
    var b = share("team/b", "333333333333", "reports/");
    Optional<String> before = Optional.empty();
    Optional<String> after = policyOf(List.of(a, b));

    PolicyChange change = PolicyChange.between(before, after, NS);

    assertThat(change.added()).hasSize(3).allSatisfy(sid -> assertThat(NS.owns(sid)).isTrue());
    assertThat(change.updated()).isEmpty();
    assertThat(change.removed()).isEmpty();
    assertThat(change.foreignKept()).isEqualTo(1);
    assertThat(change.describe())
        .startsWith("added S3ShareprodX")
        .endsWith("; 1 foreign statement(s) kept");
    assertThat(PolicyChange.gaining(before, List.of(a, b), NS)).containsExactly("team/a", "team/b");
  }

  @Test
  void aPrincipalJoiningCompactedStatementsUpdatesThemForThatShareOnly() {
    var a = share("team/a", "222222222222", "reports/");
    var b = share("team/b", "333333333333", "reports/");
    Optional<String> before = policyOf(List.of(a));
    Optional<String> after = policyOf(List.of(a, b));

    PolicyChange change = PolicyChange.between(before, after, NS);

    assertThat(change.added()).isEmpty();
    assertThat(change.updated()).hasSize(3);
    assertThat(change.describe()).startsWith("updated S3ShareprodX").doesNotContain("added");
    assertThat(PolicyChange.gaining(before, List.of(a, b), NS)).containsExactly("team/b");
  }

  @Test
  void aShareLeavingRemovesItsOwnStatementsAndGainsNobody() {
    var a = share("team/a", "222222222222", "reports/");
    var b = share("team/b", "333333333333", "exports/");
    Optional<String> before = policyOf(List.of(a, b));
    Optional<String> after = policyOf(List.of(a));

    PolicyChange change = PolicyChange.between(before, after, NS);

    // The bucket-level statement is shared by both; the object statement is b's alone.
    assertThat(change.removed()).isNotEmpty();
    assertThat(change.added()).isEmpty();
    assertThat(PolicyChange.gaining(before, List.of(a), NS)).isEmpty();
    assertThat(PolicyChange.between(after, after, NS).isEmpty()).isTrue();
    assertThat(PolicyChange.between(after, after, NS).describe())
        .isEqualTo("statements as before; 1 foreign statement(s) kept");
  }
}
