package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.Docs.BUCKET;
import static io.s3share.operator.evaluation.Docs.CONSUMER;
import static io.s3share.operator.evaluation.Docs.OBJECT;
import static io.s3share.operator.evaluation.Docs.OWNER;
import static io.s3share.operator.evaluation.Docs.OWNER_ROLE;
import static io.s3share.operator.evaluation.Docs.ROLE;
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

  @Nested
  class AccessPoints {

    private static final String AP = "arn:aws:s3:us-east-1:" + OWNER + ":accesspoint/share-a";

    private String delegation(String key, String value) {
      return "{'Sid':'Delegate','Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject',"
          + "'Resource':'"
          + BUCKET
          + "/*','Condition':{'StringEquals':{'"
          + key
          + "':'"
          + value
          + "'}}}";
    }

    private String apGrant(String principal) {
      return policy(
          "{'Sid':'ApShare','Effect':'Allow','Principal':{'AWS':'"
              + principal
              + "'},'Action':'s3:GetObject','Resource':'"
              + AP
              + "/object/reports/*'}");
    }

    @Test
    void theAccessPointPolicyAndTheBucketDelegationMustBothAllow() {
      AccessDocuments docs =
          bucket(delegation("s3:DataAccessPointAccount", OWNER))
              .withAccessPoint(AccessPointDocuments.parse(AP, apGrant(CONSUMER)));

      Decision decision = judge(docs, CONSUMER_READ);
      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(decision.consumerMustAlsoAllow()).isTrue();
      assertThat(decision.statements())
          .containsExactly(
              new StatementRef("access-point-policy", "ApShare"),
              new StatementRef("bucket-policy", "Delegate"));
    }

    @Test
    void withoutTheDelegationOrWithoutTheAccessPointGrantItIsDenied() {
      AccessDocuments noDelegation =
          AccessDocuments.forBucket(OWNER, null)
              .withAccessPoint(AccessPointDocuments.parse(AP, apGrant(CONSUMER)));
      AccessDocuments otherAccessPoint =
          bucket(delegation("s3:DataAccessPointArn", AP + "-other"))
              .withAccessPoint(AccessPointDocuments.parse(AP, apGrant(CONSUMER)));
      AccessDocuments noApGrant =
          bucket(delegation("s3:DataAccessPointArn", AP))
              .withAccessPoint(AccessPointDocuments.parse(AP, apGrant("333333333333")));

      assertThat(judge(noDelegation, CONSUMER_READ).explanation()).startsWith("bucket-policy");
      assertThat(judge(otherAccessPoint, CONSUMER_READ).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(judge(noApGrant, CONSUMER_READ).explanation()).startsWith("access-point-policy");
    }

    @Test
    void identityPoliciesAreJudgedAgainstTheAccessPointArn() {
      AccessDocuments docs =
          bucket(delegation("s3:DataAccessPointArn", AP))
              .withAccessPoint(AccessPointDocuments.parse(AP, apGrant(CONSUMER)));
      String bucketOnly =
          "{'Effect':'Allow','Action':'s3:GetObject','Resource':'" + BUCKET + "/*'}";
      String apOnly = "{'Effect':'Allow','Action':'s3:GetObject','Resource':'" + AP + "/object/*'}";

      assertThat(judge(docs.withIdentity(identity(null, bucketOnly)), CONSUMER_READ).outcome())
          .isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(judge(docs.withIdentity(identity(null, apOnly)), CONSUMER_READ).outcome())
          .isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class Kms {

    private static final String KEY = "arn:aws:kms:eu-west-1:" + OWNER + ":key/1234";

    private AccessDocuments withKey(String... keyStatements) {
      return bucket(GRANT_CONSUMER).withKmsKey(KmsKeyDocuments.parse(KEY, policy(keyStatements)));
    }

    @Test
    void readingAnSseKmsObjectNeedsTheKeyPolicyToo() {
      AccessDocuments ownerOnly =
          withKey(
              "{'Sid':'Owner','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::"
                  + OWNER
                  + ":root'},'Action':'kms:*','Resource':'*'}");
      AccessDocuments shared =
          withKey(
              "{'Sid':'ConsumerDecrypt','Effect':'Allow','Principal':{'AWS':'"
                  + CONSUMER
                  + "'},'Action':'kms:Decrypt','Resource':'*','Condition':{'StringEquals':"
                  + "{'kms:ViaService':'s3.eu-west-1.amazonaws.com'}}}");

      Decision gap = judge(ownerOnly, CONSUMER_READ);
      assertThat(gap.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(gap.explanation()).startsWith("key-policy has no statement");
      Decision decision = judge(shared, CONSUMER_READ);
      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(decision.statements())
          .containsExactly(
              new StatementRef("bucket-policy", "Share"),
              new StatementRef("key-policy", "ConsumerDecrypt"));
    }

    @Test
    void theKeyIsNotConsultedForRequestsThatDoNotTouchObjectData() {
      AccessDocuments docs =
          bucket(
                  "{'Effect':'Allow','Principal':{'AWS':'"
                      + CONSUMER
                      + "'},'Action':'s3:ListBucket','Resource':'"
                      + BUCKET
                      + "'}")
              .withKmsKey(KmsKeyDocuments.parse(KEY, policy()));

      assertThat(judge(docs, AccessRequest.of(CONSUMER, "s3:ListBucket", BUCKET)).allowed())
          .isTrue();
    }

    @Test
    void inItsOwnAccountTheKeyPolicyMustStillAllowOrDelegateToTheAccount() {
      AccessRequest read = AccessRequest.of(OWNER_ROLE, "s3:GetObject", OBJECT);
      String decryptAny =
          "{'Effect':'Allow','Action':['s3:GetObject','kms:Decrypt'],'Resource':'*'}";
      AccessDocuments silentKey =
          AccessDocuments.forBucket(OWNER, null)
              .withKmsKey(KmsKeyDocuments.parse(KEY, policy()))
              .withIdentity(identity(null, decryptAny));
      AccessDocuments delegatingKey =
          AccessDocuments.forBucket(OWNER, null)
              .withKmsKey(
                  KmsKeyDocuments.parse(
                      KEY,
                      policy(
                          "{'Effect':'Allow','Principal':{'AWS':'"
                              + OWNER
                              + "'},'Action':'kms:*','Resource':'*'}")))
              .withIdentity(identity(null, decryptAny));

      assertThat(judge(silentKey, read).explanation()).contains("even within its own account");
      assertThat(judge(delegatingKey, read).outcome()).isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class RolePath {

    private final String roleArn = "arn:aws:iam::" + OWNER + ":role/s3share-reader";
    private final String trust =
        policy(
            "{'Sid':'Consumer','Effect':'Allow','Principal':{'AWS':'"
                + CONSUMER
                + "'},'Action':'sts:AssumeRole','Condition':{'StringEquals':"
                + "{'sts:ExternalId':'secret-1'}}}");
    private final RoleDocuments role =
        RoleDocuments.parse(
            roleArn,
            trust,
            identity(
                null,
                "{'Sid':'Grant','Effect':'Allow','Action':'s3:GetObject','Resource':'"
                    + BUCKET
                    + "/*'}"));

    @Test
    void theConsumerNeedsTheExternalIdAndTheRoleItsPermissions() {
      AccessDocuments docs = AccessDocuments.forBucket(OWNER, null);

      Decision withId =
          Evaluator.evaluateViaRole(role, docs, CONSUMER_READ.with("sts:ExternalId", "secret-1"));
      Decision withoutId = Evaluator.evaluateViaRole(role, docs, CONSUMER_READ);

      assertThat(withId.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(withId.consumerMustAlsoAllow()).isTrue();
      assertThat(withId.statements())
          .containsExactly(
              new StatementRef("trust-policy", "Consumer"),
              new StatementRef("identity-policy-1", "Grant"));
      assertThat(withoutId.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
      assertThat(withoutId.explanation()).startsWith("trust-policy");
    }

    @Test
    void aBucketPolicyDenyStopsTheRoleEvenWhenTheTrustAllows() {
      AccessDocuments docs =
          bucket(
              "{'Sid':'Freeze','Effect':'Deny','Principal':'*','Action':'s3:GetObject',"
                  + "'Resource':'"
                  + BUCKET
                  + "/*'}");

      Decision decision =
          Evaluator.evaluateViaRole(role, docs, CONSUMER_READ.with("sts:ExternalId", "secret-1"));
      assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
      assertThat(decision.statements())
          .containsExactly(new StatementRef("bucket-policy", "Freeze"));
    }

    @Test
    void anUntrustedConsumerCannotAssumeTheRole() {
      Decision decision =
          Evaluator.evaluateViaRole(
              role,
              AccessDocuments.forBucket(OWNER, null),
              AccessRequest.of(ROLE.replace(CONSUMER, "333333333333"), "s3:GetObject", OBJECT)
                  .with("sts:ExternalId", "secret-1"));
      assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }
  }
}
