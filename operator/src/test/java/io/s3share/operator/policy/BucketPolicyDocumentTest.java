package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketPolicyDocumentTest {

  @Test
  void singleObjectStatementIsAOneElementList() {
    BucketPolicyDocument doc =
        BucketPolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}}");

    assertThat(doc.version()).isEqualTo("2012-10-17");
    assertThat(doc.id()).contains("p1");
    assertThat(doc.statements()).hasSize(1);
    assertThat(doc.toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":"
                + "[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}");
  }

  @Test
  void keepsStatementsVerbatimIncludingNumbersAndUnknownFields() {
    String statement =
        "{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},"
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::b\","
            + "\"Condition\":{\"NumericLessThanEquals\":{\"s3:max-keys\":[10,1.50]}}}";
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    assertThat(BucketPolicyDocument.parse(json).toJson()).isEqualTo(json);
  }

  @Test
  void missingVersionKeepsTheMeaningAwsGivesIt() {
    BucketPolicyDocument doc = BucketPolicyDocument.parse("{\"Statement\":[]}");
    assertThat(doc.version()).isEqualTo(BucketPolicyDocument.IMPLIED_VERSION);
    assertThat(BucketPolicyDocument.create(doc.statements()).version()).isEqualTo("2012-10-17");
  }

  @Test
  void rejectsWhatIsNotAPolicy() {
    for (String json :
        new String[] {
          "",
          "nope",
          "[]",
          "{\"Statement\":\"x\"}",
          "{\"Statement\":[1]}",
          "{\"Version\":1}",
          "{\"Statement\":[]} trailing",
          "{\"Id\":\"a\",\"Id\":\"b\"}"
        }) {
      assertThatThrownBy(() -> BucketPolicyDocument.parse(json))
          .as(json)
          .isInstanceOf(InvalidPolicyException.class);
    }
  }
}
