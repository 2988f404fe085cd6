package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.accesspoint.AccessPointPolicies;
import io.s3share.operator.accesspoint.Delegation;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verdicts of the effective-access check on documents like those read back from AWS. */
class ShareVerificationTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final String OWNER = "111122223333";
  static final String CONSUMER = "444455556666";
  static final String REGION = "eu-west-1";
  static final String BUCKET = "data";
  static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";
  static final String AP_ARN = "arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-a";

  static ShareIntent intent(AccessLevel level, Grantee grantee, String... prefixes) {
    return new ShareIntent(BUCKET, List.of(grantee), level, Set.of(), List.of(prefixes), true);
  }

  static ShareIntent readReports() {
    return intent(AccessLevel.READ, Grantee.account(CONSUMER), "reports/");
  }

  /** The bucket policy the operator writes for the share, plus foreign statements. */
  static String policyWith(ShareIntent intent, String... foreign) {
    String current =
        foreign.length == 0
            ? null
            : "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", foreign) + "]}";
    return BudgetedMerge.plan(
            Optional.ofNullable(current),
            List.of(new BudgetedMerge.ShareGrants("ns/a", Grants.forShare(intent))),
            NS,
            20 * 1024)
        .merge()
        .document()
        .orElseThrow();
  }

  static EffectiveAccessStatus verify(ShareIntent intent, String policy) {
    return verify(intent, policy, ShareDocuments.NO_KEY);
  }

  static EffectiveAccessStatus verify(
      ShareIntent intent, String policy, ShareDocuments.KeySide key) {
    return ShareVerification.verify(
        intent,
        new ShareDocuments(
            OWNER, REGION, Optional.of(policy), Optional.empty(), Optional.empty(), key, false),
        NS,
        7);
  }

  @Test
  void theOperatorsOwnStatementsAloneAreVerifiedWithTheConsumerCaveat() {
    EffectiveAccessStatus status = verify(readReports(), policyWith(readReports()));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Verified);
    assertThat(status.getMessage()).contains("the consumer account must also allow it");
    assertThat(status.getDeniedBy()).isNull();
    assertThat(status.getCheckedGeneration()).isEqualTo(7L);
  }

  @Test
  void aForeignDenyOnTheObjectsShadowsTheGrantAndIsNamed() {
    String deny =
        "{\"Sid\":\"LegalHold\",\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/*\"}";

    EffectiveAccessStatus status = verify(readReports(), policyWith(readReports(), deny));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Shadowed);
    assertThat(status.getDeniedBy()).containsExactly("LegalHold");
    assertThat(status.getMessage())
        .contains("account " + CONSUMER + " cannot make s3:GetObject on arn:aws:s3:::data/reports/")
        .contains("explicitly denied by LegalHold");
  }

  @Test
  void aForeignDenyOnAnotherPrefixLeavesTheGrantVerified() {
    String deny =
        "{\"Sid\":\"Private\",\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::data/private/*\"}";

    assertThat(verify(readReports(), policyWith(readReports(), deny)).getResult())
        .isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void aDenyOutsideAVpcEndpointIsConditionalNotShadowed() {
    String deny =
        "{\"Sid\":\"OnlyFromVpce\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
            + "\"Resource\":[\"arn:aws:s3:::data\",\"arn:aws:s3:::data/*\"],"
            + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}}";

    EffectiveAccessStatus status = verify(readReports(), policyWith(readReports(), deny));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Conditional);
    assertThat(status.getDeniedBy()).containsExactly("OnlyFromVpce");
    assertThat(status.getMessage()).contains("aws:SourceVpce");
  }

  @Test
  void anOrganizationGuardThatTheSharedOrganizationCannotMeetShadowsIt() {
    ShareIntent org = intent(AccessLevel.LIST, Grantee.organization("o-abcdefghij"));
    String guard =
        "{\"Sid\":\"OnlyOurOrg\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
            + "\"Resource\":[\"arn:aws:s3:::data\",\"arn:aws:s3:::data/*\"],"
            + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-zzzzzzzzzz\"}}}";

    EffectiveAccessStatus shadowed = verify(org, policyWith(org, guard));
    EffectiveAccessStatus ownOrg =
        verify(org, policyWith(org, guard.replace("o-zzzzzzzzzz", "o-abcdefghij")));

    assertThat(shadowed.getResult()).isEqualTo(EffectiveAccessResult.Shadowed);
    assertThat(shadowed.getMessage()).contains("organization o-abcdefghij");
    assertThat(ownOrg.getResult()).isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void aForeignAllowOfEverythingIsWiderAndNamed() {
    String allAccess =
        "{\"Sid\":\"LegacyFullAccess\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + CONSUMER
            + ":root\"},\"Action\":\"s3:*\","
            + "\"Resource\":[\"arn:aws:s3:::data\",\"arn:aws:s3:::data/*\"]}";

    EffectiveAccessStatus status = verify(readReports(), policyWith(readReports(), allAccess));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Wider);
    assertThat(status.getDeniedBy()).containsExactly("LegacyFullAccess");
    assertThat(status.getMessage())
        .contains("s3:PutObject on arn:aws:s3:::data/reports/")
        .contains("the consumer account must also allow it");
  }

  @Test
  void aForeignAllowForAnotherAccountIsNotWiderForThisConsumer() {
    String other =
        "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999988887777\"},"
            + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::data/*\"}";

    assertThat(verify(readReports(), policyWith(readReports(), other)).getResult())
        .isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void aKeyPolicyForTheOwnerOnlyKeepsConsumersFromDecrypting() {
    String ownerOnly =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OWNER
            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    EffectiveAccessStatus status =
        verify(
            readReports(),
            policyWith(readReports()),
            new ShareDocuments.CustomerKey(KEY_ARN, ownerOnly));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.KeyDenies);
    assertThat(status.getMessage())
        .contains(KEY_ARN)
        .contains("kms:Decrypt")
        .contains("kms:ViaService s3.eu-west-1.amazonaws.com");
  }

  @Test
  void aKeyPolicyThatAllowsTheConsumerThroughS3IsVerified() {
    String shared =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ConsumersThroughS3\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + CONSUMER
            + ":root\"},\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey\"],\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}}]}";

    EffectiveAccessStatus status =
        verify(
            readReports(),
            policyWith(readReports()),
            new ShareDocuments.CustomerKey(KEY_ARN, shared));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void theAwsManagedKeyServesNoOtherAccount() {
    EffectiveAccessStatus status =
        verify(
            readReports(), policyWith(readReports()), new ShareDocuments.AwsManagedKey("aws/s3"));

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.KeyDenies);
    assertThat(status.getMessage()).contains("customer managed key");
  }

  @Test
  void anAccessPointShareIsJudgedThroughItsPolicyAndTheDelegation() {
    ShareIntent intent = readReports();
    String apPolicy =
        AccessPointPolicies.plan(Optional.empty(), "ns/a", intent, AP_ARN, NS)
            .merge()
            .document()
            .orElseThrow();
    String delegationOnly =
        BudgetedMerge.plan(
                Optional.empty(),
                List.of(
                    Delegation.forShares(
                            BUCKET,
                            OWNER,
                            "arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-*",
                            List.of(intent))
                        .orElseThrow()),
                NS,
                20 * 1024)
            .merge()
            .document()
            .orElseThrow();

    EffectiveAccessStatus verified = verifyThrough(intent, delegationOnly, apPolicy);
    EffectiveAccessStatus withoutDelegation =
        verifyThrough(
            intent,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Unrelated\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"999988887777\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::data/*\"}]}",
            apPolicy);

    assertThat(verified.getResult()).isEqualTo(EffectiveAccessResult.Verified);
    assertThat(withoutDelegation.getResult()).isEqualTo(EffectiveAccessResult.NotGranted);
  }

  @Test
  void anUnreadableForeignStatementMakesItUnverifiableAndSaysWhich() {
    EffectiveAccessStatus status =
        verify(
            readReports(),
            "{\"Statement\":[{\"Sid\":\"Broken\",\"Effect\":\"Maybe\",\"Principal\":\"*\"}]}");

    assertThat(status.getResult()).isEqualTo(EffectiveAccessResult.Unverifiable);
    assertThat(status.getMessage()).contains("Broken");
  }

  @Test
  void theSameDocumentsGiveTheSameStatusSoNothingIsPatchedOnResync() {
    List<String> denies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      denies.add(
          "{\"Sid\":\"Deny"
              + i
              + "\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
              + "\"Resource\":\"arn:aws:s3:::data/*\"}");
    }
    String policy = policyWith(readReports(), denies.toArray(String[]::new));

    assertThat(verify(readReports(), policy)).isEqualTo(verify(readReports(), policy));
    assertThat(verify(readReports(), policy).getDeniedBy())
        .containsExactly("Deny0", "Deny1", "Deny2", "Deny3", "Deny4");
  }

  @Test
  void restrictPublicBucketsWithAPublicForeignStatementShadowsEveryCrossAccountGrant() {
    String publicReads =
        "{\"Sid\":\"PublicWebsite\",\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/site/*\"}";
    String policy = policyWith(readReports(), publicReads);

    EffectiveAccessStatus restricted = verifyRestricted(readReports(), policy, true);
    EffectiveAccessStatus open = verifyRestricted(readReports(), policy, false);
    EffectiveAccessStatus nonPublic =
        verifyRestricted(readReports(), policyWith(readReports()), true);

    assertThat(restricted.getResult()).isEqualTo(EffectiveAccessResult.Shadowed);
    assertThat(restricted.getDeniedBy()).containsExactly("PublicWebsite");
    assertThat(restricted.getMessage()).contains("RestrictPublicBuckets");
    assertThat(open.getResult()).isEqualTo(EffectiveAccessResult.Verified);
    assertThat(nonPublic.getResult()).isEqualTo(EffectiveAccessResult.Verified);
  }

  static EffectiveAccessStatus verifyRestricted(
      ShareIntent intent, String policy, boolean restricts) {
    return ShareVerification.verify(
        intent,
        new ShareDocuments(
            OWNER,
            REGION,
            Optional.of(policy),
            Optional.empty(),
            Optional.empty(),
            ShareDocuments.NO_KEY,
            restricts),
        NS,
        1);
  }

  static EffectiveAccessStatus verifyThrough(ShareIntent intent, String bucket, String ap) {
    return ShareVerification.verify(
        intent,
        new ShareDocuments(
            OWNER,
            REGION,
            Optional.of(bucket),
            Optional.of(AP_ARN),
            Optional.of(ap),
            ShareDocuments.NO_KEY,
            false),
        NS,
        1);
  }
}
