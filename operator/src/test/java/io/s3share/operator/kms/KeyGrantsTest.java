package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGrantsTest {

  static final SidNamespace NS = new SidNamespace("kmsunit");
  static final KeyGrants.KeyScope OBJECT_KEYS = new KeyGrants.KeyScope("data", "eu-west-1", false);
  static final KeyGrants.KeyScope BUCKET_KEYS = new KeyGrants.KeyScope("data", "eu-west-1", true);
  static final ObjectMapper JSON = new ObjectMapper();

  static ShareIntent intent(AccessLevel access, List<String> prefixes, Grantee... grantees) {
    return new ShareIntent("data", List.of(grantees), access, Set.of(), prefixes, true);
  }

  static JsonNode only(List<Grant> grants) throws Exception {
    List<ManagedStatement> statements = Compaction.compact(NS, grants);
    assertThat(statements).hasSize(1);
    return JSON.readTree(statements.get(0).toJson().toString());
  }

  @Test
  void readDecryptsWriteAlsoGeneratesDataKeysAndListNeedsNoKey() {
    Grantee consumer = Grantee.account("222233334444");
    assertThat(KeyGrants.actionsFor(intent(AccessLevel.READ, List.of(), consumer)))
        .containsExactly("kms:Decrypt");
    assertThat(KeyGrants.actionsFor(intent(AccessLevel.WRITE, List.of(), consumer)))
        .containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    assertThat(KeyGrants.actionsFor(intent(AccessLevel.READ_WRITE, List.of(), consumer)))
        .containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    assertThat(KeyGrants.forShare(intent(AccessLevel.LIST, List.of(), consumer), OBJECT_KEYS))
        .isEmpty();
  }

  @Test
  void withoutBucketKeysTheEncryptionContextIsEachSharedPrefix() throws Exception {
    JsonNode statement =
        only(
            KeyGrants.forShare(
                intent(
                    AccessLevel.READ, List.of("reports/", "raw/"), Grantee.account("222233334444")),
                OBJECT_KEYS));

    assertThat(statement.get("Sid").asText()).startsWith(NS.sidPrefix());
    assertThat(statement.get("Principal").get("AWS").get(0).asText())
        .isEqualTo("arn:aws:iam::222233334444:root");
    assertThat(statement.get("Resource").get(0).asText()).isEqualTo("*");
    assertThat(statement.at("/Condition/StringEquals/kms:ViaService").get(0).asText())
        .isEqualTo("s3.eu-west-1.amazonaws.com");
    assertThat(statement.at("/Condition/StringLike/kms:EncryptionContext:aws:s3:arn"))
        .extracting(JsonNode::asText)
        .containsExactly("arn:aws:s3:::data/raw/*", "arn:aws:s3:::data/reports/*");
    assertThat(statement.toString()).doesNotContain("SecureTransport");
  }

  @Test
  void withBucketKeysTheEncryptionContextIsTheBucket() throws Exception {
    JsonNode statement =
        only(
            KeyGrants.forShare(
                intent(AccessLevel.WRITE, List.of("in/"), Grantee.account("222233334444")),
                BUCKET_KEYS));

    assertThat(statement.at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn"))
        .extracting(JsonNode::asText)
        .containsExactly("arn:aws:s3:::data");
    assertThat(statement.at("/Condition/StringLike").isMissingNode()).isTrue();
  }

  @Test
  void anOrganizationIsEveryPrincipalNarrowedByItsOrgId() throws Exception {
    JsonNode statement =
        only(
            KeyGrants.forShare(
                intent(AccessLevel.READ, List.of(), Grantee.organization("o-abcdef1234")),
                OBJECT_KEYS));

    assertThat(statement.at("/Principal/AWS").asText()).isEqualTo("*");
    assertThat(statement.at("/Condition/StringEquals/aws:PrincipalOrgID").get(0).asText())
        .isEqualTo("o-abcdef1234");
  }

  @Test
  void sharesWithTheSameAccessCompactIntoOneStatementWithAListOfPrincipals() throws Exception {
    List<Grant> grants = new ArrayList<>();
    grants.addAll(
        KeyGrants.forShare(
            intent(AccessLevel.READ, List.of(), Grantee.account("222233334444")), OBJECT_KEYS));
    grants.addAll(
        KeyGrants.forShare(
            intent(
                AccessLevel.READ, List.of(), Grantee.role("arn:aws:iam::555566667777:role/reader")),
            OBJECT_KEYS));

    JsonNode statement = only(grants);

    assertThat(statement.at("/Principal/AWS"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(
            "arn:aws:iam::222233334444:root", "arn:aws:iam::555566667777:role/reader");
  }
}
