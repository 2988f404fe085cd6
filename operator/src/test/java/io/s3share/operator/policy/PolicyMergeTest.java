package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyMergeTest {

  private static final SidNamespace NS = new SidNamespace("prod");
  private static final String NO_SID =
      "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::data/*\","
          + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}";
  private static final String USER_SID =
      "{\"Sid\":\"AllowLogs\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},"
          + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::data/logs/*\"}";
  private static final String OTHER_INSTALLATION =
      "{\"Sid\":\"S3ShareprodXaaaaaaaaaaaaaaaa\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999999999999\"},"
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/*\"}";

  private static List<ManagedStatement> readShare(List<Grantee> grantees, List<String> prefixes) {
    return Compaction.compact(
        NS,
        Grants.forShare(
            new ShareIntent("data", grantees, AccessLevel.READ, Set.of(), prefixes, true)));
  }

  @Test
  void readShareWithPrefixAndTlsIsExactlyThis() {
    List<ManagedStatement> desired =
        readShare(List.of(Grantee.account("222222222222")), List.of("reports/"));

    MergeResult result = PolicyMerge.merge(Optional.empty(), desired, NS);

    String principal = "\"Principal\":{\"AWS\":[\"arn:aws:iam::222222222222:root\"]},";
    String tls = "\"Bool\":{\"aws:SecureTransport\":[\"true\"]}";
    // Sids pinned on purpose: changing the canonical key would rewrite every Sid in the wild.
    assertThat(result.document())
        .contains(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"S3ShareprodXa9c8c2f4b0462495\",\"Effect\":\"Allow\","
                + principal
                + "\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],"
                + "\"Resource\":[\"arn:aws:s3:::data/reports/*\"],"
                + "\"Condition\":{"
                + tls
                + "}},"
                + "{\"Sid\":\"S3ShareprodXc92748f7147f4170\",\"Effect\":\"Allow\","
                + principal
                + "\"Action\":[\"s3:GetBucketLocation\"],"
                + "\"Resource\":[\"arn:aws:s3:::data\"],"
                + "\"Condition\":{"
                + tls
                + "}},"
                + "{\"Sid\":\"S3ShareprodXf8e8809df2d83a24\",\"Effect\":\"Allow\","
                + principal
                + "\"Action\":[\"s3:ListBucket\"],"
                + "\"Resource\":[\"arn:aws:s3:::data\"],"
                + "\"Condition\":{"
                + tls
                + ","
                + "\"StringLike\":{\"s3:prefix\":[\"reports/\",\"reports/*\"]}}}]}");
    assertThat(result.changed()).isTrue();
    assertThat(result.sizeBytes()).isEqualTo(result.document().orElseThrow().length());
  }

  @Test
  void keepsForeignStatementsInOrderAndReplacesOurs() {
    String stale =
        "{\"Sid\":\""
            + NS.sidFor("gone")
            + "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"1\"},"
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/*\"}";
    String foreignFromAnother = OTHER_INSTALLATION.replace("S3ShareprodX", "S3ShareprodxX");
    String current =
        "{\"Version\":\"2012-10-17\",\"Id\":\"keep\",\"Statement\":["
            + USER_SID
            + ","
            + stale
            + ","
            + NO_SID
            + ","
            + foreignFromAnother
            + "]}";
    List<ManagedStatement> desired = readShare(List.of(Grantee.account("222222222222")), List.of());

    MergeResult result = PolicyMerge.merge(Optional.of(current), desired, NS);

    JsonNode merged = PolicyJson.read(result.document().orElseThrow());
    assertThat(merged.get("Id").asText()).isEqualTo("keep");
    JsonNode statements = merged.get("Statement");
    assertThat(statements).hasSize(3 + desired.size());
    assertThat(PolicyJson.write(statements.get(0))).isEqualTo(USER_SID);
    assertThat(PolicyJson.write(statements.get(1))).isEqualTo(NO_SID);
    assertThat(PolicyJson.write(statements.get(2))).isEqualTo(foreignFromAnother);
    assertThat(result.foreign())
        .extracting(PolicyJson::write)
        .containsExactly(USER_SID, NO_SID, foreignFromAnother);
    assertThat(result.changed()).isTrue();
    assertThat(PolicyMerge.foreignStatements(current, NS)).hasSize(3);
  }

  @Test
  void nothingDesiredAndNothingForeignMeansDeleteThePolicy() {
    String ours =
        PolicyMerge.merge(
                Optional.empty(),
                readShare(List.of(Grantee.account("222222222222")), List.of()),
                NS)
            .document()
            .orElseThrow();

    MergeResult result = PolicyMerge.merge(Optional.of(ours), List.of(), NS);

    assertThat(result.document()).isEmpty();
    assertThat(result.changed()).isTrue();
    assertThat(result.sizeBytes()).isZero();
  }

  @Test
  void bothAbsentIsUnchanged() {
    MergeResult result = PolicyMerge.merge(Optional.empty(), List.of(), NS);
    assertThat(result.document()).isEmpty();
    assertThat(result.changed()).isFalse();
  }

  @Test
  void aDocumentThatMeansTheSameIsUnchanged() {
    List<ManagedStatement> desired = readShare(List.of(Grantee.account("222222222222")), List.of());
    // What S3 might hand back: single values unwrapped, the account id instead of its root.
    String current =
        PolicyMerge.merge(Optional.empty(), desired, NS)
            .document()
            .orElseThrow()
            .replace("[\"arn:aws:iam::222222222222:root\"]", "\"222222222222\"")
            .replace("[\"true\"]", "\"true\"");

    MergeResult result = PolicyMerge.merge(Optional.of(current), desired, NS);

    assertThat(result.changed()).isFalse();
  }

  @Test
  void reportsWhenTheBudgetIsExceeded() {
    List<Grantee> many =
        IntStream.range(0, 700)
            .mapToObj(i -> (Grantee) Grantee.account(String.format("%012d", 100_000_000_000L + i)))
            .toList();

    MergeResult small =
        PolicyMerge.merge(Optional.empty(), readShare(many.subList(0, 3), List.of()), NS);
    MergeResult large = PolicyMerge.merge(Optional.empty(), readShare(many, List.of()), NS);

    assertThat(small.exceedsBucketPolicyLimit()).isFalse();
    assertThat(large.exceeds(MergeResult.BUCKET_POLICY_LIMIT_BYTES)).isTrue();
    assertThat(large.sizeBytes())
        .isEqualTo(PolicySize.minifiedBytes(PolicyJson.read(large.document().orElseThrow())));
  }

  @Test
  void refusesToWriteSidsItDoesNotOwn() {
    List<ManagedStatement> theirs =
        Compaction.compact(
            new SidNamespace("other"),
            Grants.forShare(
                new ShareIntent(
                    "data",
                    List.of(Grantee.account("222222222222")),
                    AccessLevel.LIST,
                    Set.of(),
                    List.of(),
                    false)));
    assertThatThrownBy(() -> PolicyMerge.merge(Optional.empty(), theirs, NS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
