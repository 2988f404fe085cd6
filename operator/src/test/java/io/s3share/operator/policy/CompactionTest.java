package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactionTest {

  private static final SidNamespace NS = new SidNamespace("t");

  private static List<Grant> read(Grantee... grantees) {
    return Grants.forShare(
        new ShareIntent("data", List.of(grantees), AccessLevel.READ, Set.of(), List.of(), false));
  }

  @Test
  void threeAccountsShareOneStatementPerPermission() {
    List<ManagedStatement> statements =
        Compaction.compact(
            NS,
            read(
                Grantee.account("333333333333"),
                Grantee.account("111111111111"),
                Grantee.role("arn:aws:iam::222222222222:role/reader")));

    assertThat(statements).hasSize(2);
    ObjectNode objects =
        statements.stream()
            .map(ManagedStatement::toJson)
            .filter(s -> s.get("Resource").get(0).asText().endsWith("/*"))
            .findFirst()
            .orElseThrow();
    assertThat(PolicyJson.write(objects.get("Principal")))
        .isEqualTo(
            "{\"AWS\":[\"arn:aws:iam::111111111111:root\","
                + "\"arn:aws:iam::222222222222:role/reader\","
                + "\"arn:aws:iam::333333333333:root\"]}");
  }

  @Test
  void organizationsCompactIntoOnePrincipalOrgIdCondition() {
    List<Grant> grants = new ArrayList<>(read(Grantee.organization("o-bbbbbbbbbb")));
    grants.addAll(read(Grantee.organization("o-aaaaaaaaaa"), Grantee.account("111111111111")));

    List<ManagedStatement> statements = Compaction.compact(NS, grants);

    // Orgs never join account principals: 2 permissions x 2 grantee kinds.
    assertThat(statements).hasSize(4);
    ObjectNode org =
        statements.stream()
            .filter(s -> s.key().kind() == Grantee.Kind.ORGANIZATION)
            .findFirst()
            .orElseThrow()
            .toJson();
    assertThat(PolicyJson.write(org.get("Principal"))).isEqualTo("{\"AWS\":\"*\"}");
    assertThat(PolicyJson.write(org.get("Condition")))
        .isEqualTo(
            "{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"o-aaaaaaaaaa\",\"o-bbbbbbbbbb\"]}}");
  }

  @Test
  void sidsAreSortedStableAndIndependentOfGrantees() {
    List<ManagedStatement> one = Compaction.compact(NS, read(Grantee.account("111111111111")));
    List<ManagedStatement> two =
        Compaction.compact(
            NS, read(Grantee.account("222222222222"), Grantee.account("111111111111")));

    assertThat(one).extracting(ManagedStatement::sid).isSorted();
    assertThat(two)
        .extracting(ManagedStatement::sid)
        .containsExactlyElementsOf(one.stream().map(ManagedStatement::sid).toList());
  }

  @Test
  void expandIsTheInverse() {
    List<Grant> grants =
        read(Grantee.account("111111111111"), Grantee.organization("o-aaaaaaaaaa"));
    assertThat(Compaction.expand(Compaction.compact(NS, grants)))
        .containsExactlyInAnyOrderElementsOf(grants);
  }
}
