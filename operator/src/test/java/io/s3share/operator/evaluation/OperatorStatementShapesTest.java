package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.Docs.BUCKET;
import static io.s3share.operator.evaluation.Docs.CONSUMER;
import static io.s3share.operator.evaluation.Docs.ROLE;
import static io.s3share.operator.evaluation.Docs.bucket;
import static io.s3share.operator.evaluation.Docs.judge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The statement shapes a prefix-scoped share writes (listing limited by {@code s3:prefix}, objects
 * under the prefix, TLS required, an organisation condition), judged as an audit would.
 */
class OperatorStatementShapesTest {

  private static final AccessDocuments SHARE =
      bucket(
          "{'Sid':'s3share-ab12-list','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::"
              + CONSUMER
              + ":root'},'Action':['s3:ListBucket','s3:GetBucketLocation'],'Resource':'"
              + BUCKET
              + "','Condition':{'StringLike':{'s3:prefix':['reports/','reports/*']},"
              + "'StringEquals':{'aws:PrincipalOrgID':'o-abc123'}}}",
          "{'Sid':'s3share-ab12-read','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::"
              + CONSUMER
              + ":root'},'Action':['s3:GetObject','s3:GetObjectVersion'],'Resource':'"
              + BUCKET
              + "/reports/*','Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-abc123'}}}",
          "{'Sid':'s3share-tls','Effect':'Deny','Principal':'*','Action':'s3:*','Resource':['"
              + BUCKET
              + "','"
              + BUCKET
              + "/*'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}");

  private static AccessRequest consumer(String action, String resource) {
    return AccessRequest.of(ROLE, action, resource)
        .with("aws:SecureTransport", "true")
        .with("aws:PrincipalOrgID", "o-abc123");
  }

  @Test
  void listingIsAllowedUnderTheSharedPrefixOnly() {
    Decision inside =
        judge(SHARE, consumer("s3:ListBucket", BUCKET).with("s3:prefix", "reports/2024/"));
    Decision outside =
        judge(SHARE, consumer("s3:ListBucket", BUCKET).with("s3:prefix", "private/"));
    Decision wholeBucket = judge(SHARE, consumer("s3:ListBucket", BUCKET));

    assertThat(inside.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(inside.consumerMustAlsoAllow()).isTrue();
    assertThat(inside.statements())
        .extracting(StatementRef::id)
        .containsExactly("s3share-ab12-list");
    assertThat(outside.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    // No s3:prefix in the request: StringLike on a missing key does not match.
    assertThat(wholeBucket.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void objectsAreReadableUnderThePrefixByTheOrganisationOverTlsOnly() {
    String report = BUCKET + "/reports/q1.csv";

    assertThat(judge(SHARE, consumer("s3:GetObject", report)).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(judge(SHARE, consumer("s3:GetObject", BUCKET + "/Reports/q1.csv")).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(judge(SHARE, consumer("s3:PutObject", report)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(
            judge(SHARE, consumer("s3:GetObject", report).with("aws:PrincipalOrgID", "o-other"))
                .outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    Decision plain =
        judge(SHARE, consumer("s3:GetObject", report).with("aws:SecureTransport", "false"));
    assertThat(plain.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(plain.statements()).extracting(StatementRef::id).containsExactly("s3share-tls");
  }
}
