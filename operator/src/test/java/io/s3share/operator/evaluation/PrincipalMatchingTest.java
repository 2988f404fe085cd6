package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.Docs.BUCKET;
import static io.s3share.operator.evaluation.Docs.CONSUMER;
import static io.s3share.operator.evaluation.Docs.OBJECT;
import static io.s3share.operator.evaluation.Docs.OWNER;
import static io.s3share.operator.evaluation.Docs.ROLE;
import static io.s3share.operator.evaluation.Docs.bucket;
import static io.s3share.operator.evaluation.Docs.judge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalMatchingTest {

  private static String allowTo(String principal) {
    return "{'Sid':'Grant','Effect':'Allow','Principal':"
        + principal
        + ",'Action':'s3:GetObject','Resource':'"
        + BUCKET
        + "/*'}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'AWS':'222222222222'}",
        "{'AWS':'arn:aws:iam::222222222222:root'}",
        "{'AWS':['333333333333','arn:aws:iam::222222222222:root']}"
      })
  void anAccountIdAndItsRootArnBothNameEveryPrincipalOfTheAccount(String principal) {
    AccessDocuments docs = bucket(allowTo(principal));

    for (String caller : new String[] {CONSUMER, "arn:aws:iam::" + CONSUMER + ":root", ROLE}) {
      Decision decision = judge(docs, AccessRequest.of(caller, "s3:GetObject", OBJECT));
      assertThat(decision.outcome()).as(caller).isEqualTo(Outcome.ALLOW);
      assertThat(decision.consumerMustAlsoAllow()).as(caller).isTrue();
      assertThat(decision.explanation()).isEqualTo(Decision.CONSUMER_NOTE);
      assertThat(decision.statements()).extracting(StatementRef::id).containsExactly("Grant");
    }
    assertThat(judge(docs, AccessRequest.of("333333333334", "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void aRoleArnNamesThatRoleOnlyNotItsAccountNorAnotherRole() {
    AccessDocuments docs = bucket(allowTo("{'AWS':'" + ROLE + "'}"));

    assertThat(judge(docs, AccessRequest.of(ROLE, "s3:GetObject", OBJECT)).allowed()).isTrue();
    assertThat(judge(docs, AccessRequest.of(CONSUMER, "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(
            judge(
                    docs,
                    AccessRequest.of(
                        "arn:aws:iam::" + CONSUMER + ":role/Reader", "s3:GetObject", OBJECT))
                .outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"'*'", "{'AWS':'*'}", "{'AWS':['*']}"})
  void theWildcardNamesEveryoneIncludingAnonymousCallers(String principal) {
    AccessDocuments docs = bucket(allowTo(principal));

    assertThat(judge(docs, AccessRequest.of("anonymous", "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(judge(docs, AccessRequest.of(ROLE, "s3:GetObject", OBJECT)).allowed()).isTrue();
  }

  @Test
  void anonymousCallersMatchNothingButTheWildcard() {
    AccessDocuments docs = bucket(allowTo("{'AWS':['" + CONSUMER + "','" + ROLE + "']}"));

    assertThat(judge(docs, AccessRequest.of("anonymous", "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void servicePrincipalsMatchByNameAndOnlyTheBareWildcardAmongWildcards() {
    String logging = "logging.s3.amazonaws.com";
    AccessRequest write = AccessRequest.of(logging, "s3:GetObject", OBJECT);

    assertThat(judge(bucket(allowTo("{'Service':'" + logging + "'}")), write).allowed()).isTrue();
    assertThat(judge(bucket(allowTo("{'Service':['cloudtrail.amazonaws.com']}")), write).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(judge(bucket(allowTo("'*'")), write).allowed()).isTrue();
    assertThat(judge(bucket(allowTo("{'AWS':'*'}")), write).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void federatedAndCanonicalUserPrincipalsNeverMatchAnAwsCaller() {
    AccessDocuments docs =
        bucket(allowTo("{'Federated':'cognito-identity.amazonaws.com','CanonicalUser':'abc'}"));

    assertThat(judge(docs, AccessRequest.of(ROLE, "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void notPrincipalWithDenyExemptsARoleOnlyWhenItsArnAndItsAccountAreBothListed() {
    String denyAllBut =
        "{'Sid':'OnlyReader','Effect':'Deny','NotPrincipal':{'AWS':%s},'Action':'s3:*',"
            + "'Resource':'"
            + BUCKET
            + "/*'}";
    String grant = allowTo("{'AWS':'" + CONSUMER + "'}");
    AccessRequest read = AccessRequest.of(ROLE, "s3:GetObject", OBJECT);

    Decision both =
        judge(
            bucket(
                String.format(denyAllBut, "['" + ROLE + "','arn:aws:iam::" + CONSUMER + ":root']"),
                grant),
            read);
    Decision roleOnly = judge(bucket(String.format(denyAllBut, "'" + ROLE + "'"), grant), read);
    Decision accountOnly =
        judge(bucket(String.format(denyAllBut, "'" + CONSUMER + "'"), grant), read);

    assertThat(both.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(roleOnly.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(roleOnly.statements()).extracting(StatementRef::id).containsExactly("OnlyReader");
    assertThat(accountOnly.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void notPrincipalWithAllowGrantsEveryoneItDoesNotList() {
    AccessDocuments docs =
        bucket(
            "{'Effect':'Allow','NotPrincipal':{'AWS':'333333333333'},'Action':'s3:GetObject',"
                + "'Resource':'"
                + BUCKET
                + "/*'}");

    Decision decision = judge(docs, AccessRequest.of(CONSUMER, "s3:GetObject", OBJECT));
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.statements()).extracting(StatementRef::id).containsExactly("#0");
    assertThat(judge(docs, AccessRequest.of("333333333333", "s3:GetObject", OBJECT)).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void aSameAccountGrantToTheAccountRootStillNeedsTheRolesIdentityPolicy() {
    String ownerRole = "arn:aws:iam::" + OWNER + ":role/app";
    AccessDocuments docs = bucket(allowTo("{'AWS':'" + OWNER + "'}"));
    AccessRequest read = AccessRequest.of(ownerRole, "s3:GetObject", OBJECT);

    IdentityDocuments none = IdentityDocuments.parse(java.util.List.of(), null);
    IdentityDocuments reads =
        IdentityDocuments.parse(
            java.util.List.of(
                Docs.policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}")),
            null);

    assertThat(judge(docs.withIdentity(none), read).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(judge(docs.withIdentity(reads), read).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(judge(docs.withIdentity(reads), read).consumerMustAlsoAllow()).isFalse();
  }

  @Test
  void anUnreadablePrincipalIsRefusedWithWhatToWrite() {
    assertThatThrownBy(() -> RequestPrincipal.parse("arn:aws:s3:::bucket"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an account id");
  }
}
