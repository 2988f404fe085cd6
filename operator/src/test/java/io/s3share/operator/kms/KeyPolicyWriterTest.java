package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyPolicyWriterTest {

  static final SidNamespace NS = new SidNamespace("kmswriter");
  static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";
  static final String OWNER = "111122223333";
  static final ObjectMapper JSON = new ObjectMapper();

  /** KMS's default key policy, pretty-printed as KMS returns it. */
  static final String DEFAULT_POLICY =
      """
      {
        "Version" : "2012-10-17",
        "Id" : "key-default-1",
        "Statement" : [ {
          "Sid" : "Enable IAM User Permissions",
          "Effect" : "Allow",
          "Principal" : {
            "AWS" : "arn:aws:iam::111122223333:root"
          },
          "Action" : "kms:*",
          "Resource" : "*"
        } ]
      }
      """;

  final KeyPolicyWriter writer = new KeyPolicyWriter(NS);
  final KeyPlanner planner = new KeyPlanner(NS);
  final FakeKeyPolicyPort port = new FakeKeyPolicyPort(DEFAULT_POLICY);
  final List<KeyPlanner.KeyShare> shares = new ArrayList<>();

  static KeyPlanner.KeyShare share(String name, String consumerAccount, String created) {
    return new KeyPlanner.KeyShare(
        "team/" + name,
        "uid-" + name,
        created,
        new ShareIntent(
            "data",
            List.of(Grantee.account(consumerAccount)),
            AccessLevel.READ,
            Set.of(),
            List.of("p/" + name + "/"),
            true),
        new KeyGrants.KeyScope("data", "eu-west-1", false),
        false);
  }

  KeyPolicyWriter.Result converge(String subject) {
    return writer.converge(
        KEY, OWNER, port, planner.planner(() -> List.copyOf(shares), Optional.empty()), subject);
  }

  JsonNode statements() throws Exception {
    return JSON.readTree(port.policy.orElseThrow()).get("Statement");
  }

  @Test
  void writesOnceThenFindsTheKmsFormUnchangedAndKeepsTheAdministratorStatement() throws Exception {
    shares.add(share("a", "222233334444", "2026-01-01T00:00:00Z"));

    assertThat(converge("team/a").action()).isEqualTo(KeyPolicyWriter.Action.WRITTEN);
    assertThat(statements().get(0))
        .isEqualTo(JSON.readTree(DEFAULT_POLICY).get("Statement").get(0));
    assertThat(statements()).hasSize(2);

    // KMS hands the policy back in its own layout: same meaning, so no second write.
    port.policy =
        Optional.of(
            JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(JSON.readTree(port.policy.get())));
    KeyPolicyWriter.Result again = converge("team/a");

    assertThat(again.action()).isEqualTo(KeyPolicyWriter.Action.UNCHANGED);
    assertThat(port.writes).hasSize(1);
  }

  @Test
  void aRefusedPrincipalStopsOnlyItsOwnShare() throws Exception {
    shares.add(share("good", "222233334444", "2026-01-01T00:00:00Z"));
    shares.add(share("bad", "999999999999", "2026-01-02T00:00:00Z"));
    port.refuses = document -> document.contains("999999999999");

    KeyPolicyWriter.Result result = converge("team/bad");

    assertThat(result.action()).isEqualTo(KeyPolicyWriter.Action.WRITTEN);
    assertThat(result.refused()).containsExactly("team/bad");
    assertThat(port.policy.orElseThrow())
        .contains("222233334444")
        .doesNotContain("999999999999")
        .contains("Enable IAM User Permissions");
    assertThat(KeyOutcomes.of(ShareFixtures.bucketShare("bad"), KEY, result))
        .hasValueSatisfying(outcome -> assertThat(outcome.reason()).isEqualTo("InvalidPrincipal"));

    // The good share's converges leave the known-bad one out without trying it again.
    int writes = port.writes.size();
    KeyPolicyWriter.Result forGood = converge("team/good");
    assertThat(forGood.action()).isEqualTo(KeyPolicyWriter.Action.UNCHANGED);
    assertThat(forGood.refused()).containsExactly("team/bad");
    assertThat(port.writes).hasSize(writes);
  }

  @Test
  void theShareThatDoesNotFitIsLeftOutAndTheOthersAreWritten() throws Exception {
    // A foreign statement that leaves room for about one more statement.
    StringBuilder padding = new StringBuilder();
    while (padding.length() < KeyGrants.KEY_POLICY_LIMIT_BYTES - 600) {
      padding.append("arn:aws:iam::111122223333:role/padding-role-").append(padding.length());
      padding.append("\",\"");
    }
    String big =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Admins\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":[\""
            + padding
            + "arn:aws:iam::111122223333:root\"]},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    port.policy = Optional.of(big);
    shares.add(share("old", "222233334444", "2026-01-01T00:00:00Z"));
    shares.add(share("new", "555566667777", "2026-01-02T00:00:00Z"));

    KeyPolicyWriter.Result result = converge("team/new");

    assertThat(result.plan().rejected()).containsExactly("team/new");
    assertThat(result.sizeBytes()).isLessThanOrEqualTo(KeyGrants.KEY_POLICY_LIMIT_BYTES);
    assertThat(port.policy.orElseThrow()).contains("222233334444").doesNotContain("555566667777");
    assertThat(KeyOutcomes.of(ShareFixtures.bucketShare("new"), KEY, result))
        .hasValueSatisfying(outcome -> assertThat(outcome.reason()).isEqualTo("PolicyTooLarge"));
    assertThat(KeyOutcomes.of(ShareFixtures.bucketShare("old"), KEY, result)).isEmpty();
  }

  @Test
  void foreignStatementsAloneOverTheLimitLeaveEveryShareOutWithoutWriting() {
    port.policy = Optional.of(oversized());
    shares.add(share("a", "222233334444", "2026-01-01T00:00:00Z"));

    KeyPolicyWriter.Result result = converge("team/a");

    assertThat(result.plan().rejected()).containsExactly("team/a");
    assertThat(port.writes).isEmpty();
  }

  @Test
  void removingOurStatementsFromAPolicyThatOthersFilledOverTheLimitStalls() throws Exception {
    shares.add(share("a", "222233334444", "2026-01-01T00:00:00Z"));
    converge("team/a");
    List<String> withOurs = new ArrayList<>();
    statements().forEach(statement -> withOurs.add(statement.toString()));
    String big = oversized();
    port.policy =
        Optional.of(big.substring(0, big.length() - 2) + "," + String.join(",", withOurs) + "]}");
    shares.clear();

    assertThatThrownBy(() -> converge("team/a"))
        .isInstanceOf(StalledException.class)
        .hasMessageContaining("over KMS's limit");
    assertThat(port.writes).hasSize(1);
  }

  static String oversized() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Big\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\","
        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/x\":\""
        + "x".repeat(KeyGrants.KEY_POLICY_LIMIT_BYTES)
        + "\"}}}]}";
  }

  @Test
  void aForeignWriteRightAfterOursIsReportedAsARace() {
    shares.add(share("a", "222233334444", "2026-01-01T00:00:00Z"));
    port.afterWrite = () -> port.policy = Optional.of(DEFAULT_POLICY);

    assertThat(converge("team/a").action()).isEqualTo(KeyPolicyWriter.Action.RACED);
  }
}
