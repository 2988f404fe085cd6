package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetedMergeTest {

  static final SidNamespace NS = new SidNamespace("unit");

  @Test
  void everyShareIsAdmittedWhenAllFit() {
    BudgetedMerge.Plan plan =
        BudgetedMerge.plan(
            Optional.empty(), List.of(share("a", "1", 1), share("b", "2", 1)), NS, 20_480);

    assertThat(plan.rejected()).isEmpty();
    assertThat(plan.admitted())
        .extracting(BudgetedMerge.ShareGrants::shareId)
        .containsExactly("a", "b");
    assertThat(plan.merge().changed()).isTrue();
  }

  @Test
  void aNewcomerThatWouldOverflowIsLeftOutAndOlderSharesStay() {
    BudgetedMerge.Plan plan =
        BudgetedMerge.plan(
            Optional.empty(),
            List.of(share("old", "1", 1), share("huge", "2", 40), share("small", "3", 1)),
            NS,
            4_000);

    assertThat(plan.rejected()).containsExactly("huge");
    assertThat(plan.admitted())
        .extracting(BudgetedMerge.ShareGrants::shareId)
        .containsExactly("old", "small");
    assertThat(plan.merge().sizeBytes()).isLessThanOrEqualTo(4_000);
    assertThat(plan.merge().document().orElseThrow())
        .contains("111111111111")
        .contains("333333333333")
        .doesNotContain("222222222222");
  }

  @Test
  void handedOverStatementsCountAsAChangeOnlyTheFirstTime() {
    List<BudgetedMerge.ShareGrants> shares = List.of(share("a", "1", 1));
    var retained =
        RetainedStatements.handOver(Compaction.compact(NS, share("gone", "2", 1).grants()), "uid");
    String first =
        BudgetedMerge.plan(Optional.empty(), retained, shares, NS, 20_480)
            .merge()
            .document()
            .orElseThrow();

    BudgetedMerge.Plan again = BudgetedMerge.plan(Optional.of(first), retained, shares, NS, 20_480);

    assertThat(first).contains(RetainedStatements.SID_PREFIX);
    assertThat(again.merge().changed()).isFalse();
  }

  private static BudgetedMerge.ShareGrants share(String id, String digit, int prefixes) {
    List<String> keys =
        IntStream.range(0, prefixes).mapToObj(i -> "p" + i + "/" + "x".repeat(80) + "/").toList();
    return new BudgetedMerge.ShareGrants(
        id,
        Grants.forShare(
            new ShareIntent(
                "data",
                List.of(Grantee.account(digit.repeat(12))),
                AccessLevel.READ,
                Set.of(),
                prefixes == 1 ? List.of() : keys,
                true)));
  }
}
