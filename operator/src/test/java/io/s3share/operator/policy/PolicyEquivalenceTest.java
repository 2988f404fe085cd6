package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyEquivalenceTest {

  private static boolean same(String a, String b) {
    return PolicyEquivalence.equivalentJson(a, b);
  }

  private static String doc(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  @Test
  void ignoresStatementAndListOrderAndSingleValueArrays() {
    String a =
        "{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
            + "\"Resource\":\"arn:aws:s3:::b/*\"}";
    String a2 =
        "{\"Resource\":[\"arn:aws:s3:::b/*\"],\"Action\":[\"S3:putobject\",\"s3:GetObject\","
            + "\"s3:GetObject\"],\"Effect\":\"Allow\",\"Sid\":\"a\"}";
    String b = "{\"Sid\":\"b\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}";
    assertThat(same(doc(a, b), doc(b, a2))).isTrue();
  }

  @Test
  void normalizesPrincipals() {
    String id =
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\"}";
    String arn =
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\"]},"
            + "\"Action\":\"s3:*\"}";
    assertThat(same(doc(id), doc(arn))).isTrue();
    assertThat(same(doc("{\"Principal\":\"*\"}"), doc("{\"Principal\":{\"AWS\":\"*\"}}"))).isTrue();
  }

  @Test
  void conditionKeysIgnoreCaseButOperatorsDoNot() {
    String lower = "{\"Condition\":{\"StringLike\":{\"s3:Prefix\":[\"b\",\"a\"]}}}";
    String upper =
        "{\"Condition\":{\"StringLike\":{\"s3:prefix\":\"a\"," + "\"S3:PREFIX\":\"b\"}}}";
    assertThat(
            same(doc(lower), doc("{\"Condition\":{\"StringLike\":{\"S3:PREFIX\":[\"a\",\"b\"]}}}")))
        .isTrue();
    // Two differently-cased keys are two tests, not one merged set.
    assertThat(same(doc(lower), doc(upper))).isFalse();
    assertThat(
            same(doc(lower), doc("{\"Condition\":{\"stringlike\":{\"s3:prefix\":[\"a\",\"b\"]}}}")))
        .isFalse();
    assertThat(same(doc("{\"Condition\":{}}"), doc("{}"))).isTrue();
  }

  @Test
  void versionAndSidMatter() {
    assertThat(same("{\"Statement\":[]}", "{\"Version\":\"2008-10-17\",\"Statement\":[]}"))
        .isTrue();
    assertThat(same("{\"Statement\":[]}", doc())).isFalse();
    assertThat(same(doc("{\"Sid\":\"a\"}"), doc("{\"Sid\":\"A\"}"))).isFalse();
    assertThat(same(doc("{\"Sid\":\"a\"}"), doc("{\"Sid\":\"a\"}", "{\"Sid\":\"a\"}"))).isFalse();
  }

  @Test
  void acceptsUrlEncodedIamDocuments() {
    String iam =
        doc(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/a b+c\"}");
    String encoded = URLEncoder.encode(iam, StandardCharsets.UTF_8).replace("+", "%20");
    assertThat(encoded).startsWith("%7B");
    assertThat(same(encoded, iam)).isTrue();
    assertThat(same(iam, encoded)).isTrue();
  }
}
