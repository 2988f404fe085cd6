package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.Docs.BUCKET;
import static io.s3share.operator.evaluation.Docs.CONSUMER;
import static io.s3share.operator.evaluation.Docs.OBJECT;
import static io.s3share.operator.evaluation.Docs.OWNER;
import static io.s3share.operator.evaluation.Docs.OWNER_ROLE;
import static io.s3share.operator.evaluation.Docs.bucket;
import static io.s3share.operator.evaluation.Docs.judge;
import static io.s3share.operator.evaluation.Docs.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CombinationRulesTest {

  private static final String GRANT_CONSUMER =
      "{'Sid':'Share','Effect':'Allow','Principal':{'AWS':'"
          + CONSUMER
          + "'},'Action':'s3:GetObject','Resource':'"
          + BUCKET
          + "/*'}";
  private static final String READ_ANY =
      "{'Sid':'Read','Effect':'Allow','Action':'s3:GetObject','Resource':'*'}";
  private static final AccessRequest CONSUMER_READ =
      AccessRequest.of(CONSUMER, "s3:GetObject", OBJECT);

  private static IdentityDocuments identity(String boundary, String... statements) {
    return IdentityDocuments.parse(
        statements.length == 0 ? List.of() : List.of(policy(statements)),
        boundary == null ? null : policy(boundary));
  }

  @Test
  void anExplicitDenyAnywhereWinsOverEveryAllowAndIsNamed() {
    AccessDocuments docs =
        bucket(
                GRANT_CONSUMER,
                "{'Sid':'ForeignTlsOnly','Effect':'Deny','Principal':'*','Action':'s3:*',"
                    + "'Resource':'"
                    + BUCKET
                    + "/*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}")
            .withIdentity(identity(null, READ_ANY));

    Decision plain = judge(docs, CONSUMER_READ.with("aws:SecureTransport", "false"));
    Decision tls = judge(docs, CONSUMER_READ.with("aws:SecureTransport", "true"));

    assertThat(plain.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(plain.statements())
        .containsExactly(new StatementRef("bucket-policy", "ForeignTlsOnly"));
    assertThat(plain.explanation()).contains("ForeignTlsOnly");
    assertThat(tls.outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void anIdentityPolicyDenyWinsToo() {
    AccessDocuments docs =
        bucket(GRANT_CONSUMER)
            .withIdentity(
                identity(
                    null,
                    READ_ANY,
                    "{'Sid':'NoReports','Effect':'Deny','Action':'s3:*','Resource':'"
                        + BUCKET
                        + "/reports/*'}"));

    Decision decision = judge(docs, CONSUMER_READ);
    assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(decision.statements())
        .containsExactly(new StatementRef("identity-policy-1", "NoReports"));
  }

  @Nested
  class SameAccount {

    @Test
    void anIdentityPolicyAloneAllows() {
      AccessDocuments docs =
          AccessDocuments.forBucket(OWNER, null).withIdentity(identity(null, READ_ANY));

      Decision decision = judge(docs, AccessRequest.of(OWNER_ROLE, "s3:GetObject", OBJECT));
      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(decision.consumerMustAlsoAllow()).isFalse();
      assertThat(decision.statements())
          .containsExactly(new StatementRef("identity-policy-1", "Read"));
    }

    @Test
    void aBucketPolicyNamingTheRoleAllowsWithoutAnIdentityPolicy() {
      AccessDocuments docs =
          bucket(
                  "{'Sid':'App','Effect':'Allow','Principal':{'AWS':'"
                      + OWNER_ROLE
                      + "'},'Action':'s3:GetObject','Resource':'"
                      + BUCKET
                      + "/*'}")
              .withIdentity(identity(null));

      assertThat(judge(docs, AccessRequest.of(OWNER_ROLE, "s3:GetObject", OBJECT)).outcome())
          .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aPermissionsBoundaryLimitsTheIdentityPolicyAndARolesOwnResourceGrant() {
      String boundary = "{'Effect':'Allow','Action':'s3:List*','Resource':'*'}";
      AccessRequest read = AccessRequest.of(OWNER_ROLE, "s3:GetObject", OBJECT);
      AccessDocuments byIdentity =
          AccessDocuments.forBucket(OWNER, null).withIdentity(identity(boundary, READ_ANY));
      AccessDocuments byBucketPolicy =
          bucket(
                  "{'Effect':'Allow','Principal':{'AWS':'"
                      + OWNER_ROLE
                      + "'},'Action':'s3:GetObject','Resource':'*'}")
              .withIdentity(identity(boundary));

      Decision viaIdentity = judge(byIdentity, read);
      assertThat(viaIdentity.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(viaIdentity.explanation())
          .contains("neither bucket-policy nor an identity policy");
      Decision viaBucket = judge(byBucketPolicy, read);
      assertThat(viaBucket.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(viaBucket.explanation()).contains("permissions boundary does not");
    }

    @Test
    void aBoundaryThatAllowsLetsTheIdentityPolicyThrough() {
      AccessDocuments docs =
          AccessDocuments.forBucket(OWNER, null)
              .withIdentity(
                  identity(
                      "{'Sid':'Ceiling','Effect':'Allow','Action':'s3:*','Resource':'*'}",
                      READ_ANY));

      Decision decision = judge(docs, AccessRequest.of(OWNER_ROLE, "s3:GetObject", OBJECT));
      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(decision.statements())
          .containsExactly(
              new StatementRef("identity-policy-1", "Read"),
              new StatementRef("permissions-boundary", "Ceiling"));
    }
  }

  @Nested
  class CrossAccount {

    @Test
    void theOwnerSideAloneGivesAnAllowThatTheConsumerMustConfirm() {
      Decision decision = judge(bucket(GRANT_CONSUMER), CONSUMER_READ);

      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(decision.consumerMustAlsoAllow()).isTrue();
      assertThat(decision.explanation()).isEqualTo(Decision.CONSUMER_NOTE);
    }

    @Test
    void withTheConsumersIdentitySideKnownBothSidesMustAllow() {
      AccessDocuments granted = bucket(GRANT_CONSUMER);

      assertThat(judge(granted.withIdentity(identity(null, READ_ANY)), CONSUMER_READ))
          .extracting(Decision::outcome, Decision::consumerMustAlsoAllow)
          .containsExactly(Outcome.ALLOW, false);
      assertThat(judge(granted.withIdentity(identity(null)), CONSUMER_READ).outcome())
          .isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(
              judge(
                      AccessDocuments.forBucket(OWNER, null).withIdentity(identity(null, READ_ANY)),
                      CONSUMER_READ)
                  .outcome())
          .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void noBucketPolicyMeansNoCrossAccountAccess() {
      Decision decision = judge(AccessDocuments.forBucket(OWNER, null), CONSUMER_READ);
      assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(decision.explanation())
          .isEqualTo("bucket-policy has no statement that allows account " + CONSUMER);
    }
  }
}
