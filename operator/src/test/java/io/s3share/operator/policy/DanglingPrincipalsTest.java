package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DanglingPrincipalsTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final String ROLE = "arn:aws:iam::222222222222:role/reader";
  static final String OURS =
      Compaction.compact(
              NS,
              Grants.forShare(
                  new ShareIntent(
                      "data",
                      List.of(Grantee.role(ROLE), Grantee.account("333333333333")),
                      AccessLevel.READ,
                      java.util.Set.of(),
                      List.of(),
                      true)))
          .stream()
          .map(s -> s.toJson().toString())
          .reduce((a, b) -> a + "," + b)
          .orElseThrow();
  static final String FOREIGN =
      "{\"Sid\":\"Theirs\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"AROAFOREIGNEXAMPLE01\"},"
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/x/*\"}";

  @Test
  void aRoleShownAsItsUniqueIdInOurStatementIsDangling() {
    String written = policy(FOREIGN + "," + OURS);
    String read = written.replace(ROLE, "AROAEXAMPLEEXAMPLE01");

    assertThat(DanglingPrincipals.between(written, read, NS)).contains(java.util.Set.of(ROLE));
  }

  @Test
  void anUniqueIdInAForeignStatementIsNeitherDanglingNorDrift() {
    String written = policy(FOREIGN + "," + OURS);

    assertThat(DanglingPrincipals.between(written, written, NS)).contains(java.util.Set.of());
  }

  @Test
  void anyOtherChangeIsNotExplainedByDeletedRoles() {
    String written = policy(OURS);
    String read = written.replace(ROLE, "AROAEXAMPLEEXAMPLE01").replace("333333333333", "4444");

    assertThat(DanglingPrincipals.between(written, read, NS)).isEqualTo(Optional.empty());
    assertThat(DanglingPrincipals.between(written, policy(FOREIGN + "," + OURS), NS)).isEmpty();
  }

  private static String policy(String statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
  }
}
