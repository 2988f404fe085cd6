package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.Docs.BUCKET;
import static io.s3share.operator.evaluation.Docs.CONSUMER;
import static io.s3share.operator.evaluation.Docs.bucket;
import static io.s3share.operator.evaluation.Docs.judge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionAndResourceMatchingTest {

  private static Outcome outcome(String statementBody, String action, String resource) {
    AccessDocuments docs =
        bucket("{'Effect':'Allow','Principal':{'AWS':'" + CONSUMER + "'}," + statementBody + "}");
    return judge(docs, AccessRequest.of(CONSUMER, action, resource)).outcome();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'Action':'s3:GetObject'            | s3:GetObject        | ALLOW",
        "'Action':'S3:getobject'            | s3:GetObject        | ALLOW",
        "'Action':['s3:PutObject','s3:Get*']| s3:GetObjectVersion | ALLOW",
        "'Action':'s3:Get?bject'            | s3:GetObject        | ALLOW",
        "'Action':'s3:Get?bject'            | s3:GetObjects       | IMPLICIT_DENY",
        "'Action':'s3:*'                    | s3:DeleteObject     | ALLOW",
        "'Action':'*'                       | s3:DeleteObject     | ALLOW",
        "'Action':'s3:List*'                | s3:GetObject        | IMPLICIT_DENY",
        "'NotAction':'s3:Delete*'           | s3:GetObject        | ALLOW",
        "'NotAction':['s3:delete*']         | s3:DeleteObject     | IMPLICIT_DENY",
      })
  void actionsMatchWithWildcardsIgnoringCase(String action, String requested, Outcome expected) {
    assertThat(outcome(action + ",'Resource':'*'", requested, BUCKET + "/a")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'Resource':'arn:aws:s3:::shared-data/*'               | arn:aws:s3:::shared-data/Key   | ALLOW",
        "'Resource':'arn:aws:s3:::shared-data/key'             | arn:aws:s3:::shared-data/Key   | IMPLICIT_DENY",
        "'Resource':'arn:aws:s3:::Shared-Data/*'               | arn:aws:s3:::shared-data/a     | IMPLICIT_DENY",
        "'Resource':['arn:aws:s3:::x','arn:aws:s3:::shared-data/Reports/*'] | arn:aws:s3:::shared-data/reports/a | IMPLICIT_DENY",
        "'Resource':'arn:aws:s3:::shared-data/??.csv'          | arn:aws:s3:::shared-data/ab.csv | ALLOW",
        "'Resource':'arn:aws:s3:::shared-data/??.csv'          | arn:aws:s3:::shared-data/abc.csv | IMPLICIT_DENY",
        "'Resource':'arn:aws:s3:::shared-data'                 | arn:aws:s3:::shared-data/a     | IMPLICIT_DENY",
        "'Resource':'arn:aws:s3:::shared-*'                    | arn:aws:s3:::shared-data       | ALLOW",
        "'NotResource':'arn:aws:s3:::shared-data/private/*'    | arn:aws:s3:::shared-data/public/a | ALLOW",
        "'NotResource':'arn:aws:s3:::shared-data/private/*'    | arn:aws:s3:::shared-data/private/a | IMPLICIT_DENY",
        "'NotResource':'arn:aws:s3:::shared-data/PRIVATE/*'    | arn:aws:s3:::shared-data/private/a | ALLOW",
      })
  void resourcesMatchWithWildcardsAndCaseSensitively(
      String resource, String requested, Outcome expected) {
    assertThat(outcome("'Action':'s3:GetObject'," + resource, "s3:GetObject", requested))
        .isEqualTo(expected);
  }

  @Test
  void aPolicyVariableIsNeverMatchedAsItsOwnLiteralText() {
    String literal = BUCKET + "/${aws:username}/a";

    assertThat(
            outcome(
                "'Action':'s3:GetObject','Resource':'" + BUCKET + "/${aws:username}/*'",
                "s3:GetObject",
                literal))
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(
            outcome(
                "'Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':"
                    + "{'aws:PrincipalTag/team':'${aws:username}'}}",
                "s3:GetObject",
                BUCKET + "/a"))
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void aStatementWithoutActionMatchesNothing() {
    assertThat(outcome("'Resource':'*'", "s3:GetObject", BUCKET + "/a"))
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }
}
