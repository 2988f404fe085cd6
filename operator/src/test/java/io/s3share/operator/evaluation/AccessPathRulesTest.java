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

/** Combination rules for access points, SSE-KMS objects and role paths. */
class AccessPathRulesTest {

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
