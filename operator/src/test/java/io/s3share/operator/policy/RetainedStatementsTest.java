package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetainedStatementsTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final List<ManagedStatement> STATEMENTS =
      Compaction.compact(
          NS,
          Grants.forShare(
              new ShareIntent(
                  "data",
                  List.of(Grantee.account("222222222222")),
                  AccessLevel.READ,
                  Set.of(),
                  List.of(),
                  true)));

  @Test
  void handedOverStatementsKeepTheirMeaningUnderSidsNoInstallationOwns() {
    List<ObjectNode> retained = RetainedStatements.handOver(STATEMENTS, "uid-1");

    assertThat(retained).hasSameSizeAs(STATEMENTS);
    for (int i = 0; i < retained.size(); i++) {
      String sid = retained.get(i).get("Sid").asText();
      assertThat(sid).startsWith(RetainedStatements.SID_PREFIX);
      assertThat(NS.owns(sid)).isFalse();
      ObjectNode original = STATEMENTS.get(i).toJson();
      original.remove("Sid");
      ObjectNode copy = retained.get(i).deepCopy();
      copy.remove("Sid");
      assertThat(copy).isEqualTo(original);
    }
    assertThat(RetainedStatements.handOver(STATEMENTS, "uid-2").get(0).get("Sid"))
        .isNotEqualTo(retained.get(0).get("Sid"));
  }

  @Test
  void appendingTwiceChangesNothingAndIsSeenAsPresent() {
    List<ObjectNode> retained = RetainedStatements.handOver(STATEMENTS, "uid-1");
    Optional<String> once = RetainedStatements.appendTo(Optional.empty(), retained);
    Optional<String> twice = RetainedStatements.appendTo(once, retained);

    assertThat(twice).isEqualTo(once);
    assertThat(RetainedStatements.allPresentIn(once, retained)).isTrue();
    assertThat(RetainedStatements.allPresentIn(Optional.empty(), retained)).isFalse();
    assertThat(RetainedStatements.allPresentIn(once, List.of())).isFalse();
  }
}
