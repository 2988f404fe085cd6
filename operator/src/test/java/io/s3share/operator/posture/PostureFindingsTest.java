package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostureFindingsTest {

  private final BucketPosture hardened = Postures.hardened();

  private static List<String> reasons(List<Finding> findings) {
    return findings.stream().map(Finding::reason).toList();
  }

  private static Finding only(List<Finding> findings, String reason) {
    List<Finding> matching = findings.stream().filter(f -> f.reason().equals(reason)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  @Test
  void aHardenedBucketHasNoFindings() {
    assertThat(PostureFindings.of(hardened, Postures.readWrite())).isEmpty();
  }

  @Test
  void aclsEnabledBlocksWritersAndSaysObjectsStayOwnedByThem() {
    BucketPosture legacy = withOwnership(Fact.known(Optional.empty()));
    Finding forWriter = only(PostureFindings.of(legacy, Postures.readWrite()), "AclsEnabled");
    assertThat(forWriter.severity()).isEqualTo(Severity.Blocking);
    assertThat(forWriter.message())
        .contains("stay owned by them")
        .contains("Set Object Ownership to BucketOwnerEnforced with a SharedBucket")
        .contains("not set");
    Finding forReader = only(PostureFindings.of(legacy, Postures.listOnly()), "AclsEnabled");
    assertThat(forReader.severity()).isEqualTo(Severity.BestPractice);
    assertThat(forReader.message()).doesNotContain("stay owned");
  }

  @Test
  void bucketOwnerPreferredIsOnlyABestPracticeForWriters() {
    BucketPosture preferred = withOwnership(Fact.known(Optional.of("BucketOwnerPreferred")));
    Finding finding = only(PostureFindings.of(preferred, Postures.readWrite()), "AclsEnabled");
    assertThat(finding.severity()).isEqualTo(Severity.BestPractice);
    assertThat(finding.message()).contains("bucket-owner-full-control");
  }

  @Test
  void bucketAclGrantsToAccountsAndToEveryoneAreSeparateFindings() {
    BucketPosture granted =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            hardened.objectOwnership(),
            hardened.bucketBlock(),
            hardened.accountBlock(),
            Fact.known(
                List.of(new AclGrant("", "abc123", "READ"), new AclGrant("", "AllUsers", "READ"))),
            hardened.aclConditionStatements(),
            hardened.encryption(),
            hardened.logging(),
            hardened.objectAcls(),
            hardened.dataEvents());
    List<Finding> findings = PostureFindings.of(granted, Postures.listOnly());
    assertThat(reasons(findings)).containsExactly("BucketAclGrant", "PublicAclGrant");
    assertThat(only(findings, "BucketAclGrant").message()).contains("READ to abc123");
    assertThat(only(findings, "PublicAclGrant").message()).contains("READ to AllUsers");
  }

  @Test
  void blockPublicAccessNamesTheLevelAndTheSettingsThatAreOff() {
    BucketPosture open =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            hardened.objectOwnership(),
            Fact.known(new PublicAccessBlock(true, true, false, false)),
            Fact.known(PublicAccessBlock.OFF),
            hardened.bucketAcl(),
            hardened.aclConditionStatements(),
            hardened.encryption(),
            hardened.logging(),
            hardened.objectAcls(),
            hardened.dataEvents());
    List<Finding> findings = PostureFindings.of(open, Postures.listOnly());
    assertThat(findings)
        .extracting(Finding::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("bucket data")
                    .contains("BlockPublicPolicy, RestrictPublicBuckets off")
                    .doesNotContain("BlockPublicAcls"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("account " + Postures.OWNER)
                    .contains(
                        "BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy,"
                            + " RestrictPublicBuckets off"));
  }

  @Test
  void loggingOffConditionsOnAclsAndUnrecordedDataEventsAreReported() {
    BucketPosture posture =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            hardened.objectOwnership(),
            hardened.bucketBlock(),
            hardened.accountBlock(),
            hardened.bucketAcl(),
            Fact.known(List.of("LegacyUploads")),
            hardened.encryption(),
            Fact.known(Optional.<LogTarget>empty()),
            hardened.objectAcls(),
            Fact.known(new DataEvents(List.of())));
    List<Finding> findings = PostureFindings.of(posture, Postures.listOnly());
    assertThat(reasons(findings))
        .containsExactly("AccessLoggingOff", "AclConditionInPolicy", "DataEventsNotRecorded");
    assertThat(only(findings, "AclConditionInPolicy").message())
        .contains("LegacyUploads")
        .contains("bucket-owner-full-control");
  }

  @Test
  void theAwsManagedKeyBlocksCrossAccountSharesThatTouchObjectsOnly() {
    BucketPosture managed = withEncryption(new Encryption("aws:kms", Optional.empty(), false));
    Finding blocking = only(PostureFindings.of(managed, Postures.readWrite()), "KmsAwsManagedKey");
    assertThat(blocking.severity()).isEqualTo(Severity.Blocking);
    assertThat(PostureFindings.of(managed, Postures.listOnly())).isEmpty();
    // A role in the bucket's own account can use aws/s3.
    assertThat(PostureFindings.of(managed, new ShareNeed(true, false, false, List.of()))).isEmpty();
    BucketPosture alias =
        withEncryption(new Encryption("aws:kms", Optional.of("alias/aws/s3"), false));
    assertThat(reasons(PostureFindings.of(alias, Postures.readWrite())))
        .containsExactly("KmsAwsManagedKey");
  }

  @Test
  void aKeyInAThirdAccountIsReportedAndLeftAlone() {
    BucketPosture foreign =
        withEncryption(
            new Encryption(
                "aws:kms", Optional.of("arn:aws:kms:eu-west-1:999988887777:key/k9"), false));
    Finding finding =
        only(PostureFindings.of(foreign, Postures.readWrite()), "KmsKeyInOtherAccount");
    assertThat(finding.message()).contains("999988887777").contains("kms:GenerateDataKey");
  }

  @Test
  void unreadableSettingsNameTheIamActionToGrantOnce() {
    BucketPosture denied =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            Fact.unreadable("s3:GetBucketOwnershipControls"),
            hardened.bucketBlock(),
            Fact.unreadable("s3:GetAccountPublicAccessBlock"),
            Fact.unreadable("s3:GetBucketAcl"),
            hardened.aclConditionStatements(),
            hardened.encryption(),
            hardened.logging(),
            Fact.unreadable("s3:GetBucketAcl"),
            hardened.dataEvents());
    List<Finding> findings = PostureFindings.of(denied, Postures.readWrite());
    assertThat(reasons(findings)).containsOnly("PostureUnreadable").hasSize(3);
    assertThat(findings)
        .extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("grant s3:GetAccountPublicAccessBlock"));
  }

  @Test
  void aServiceThatIsNotAvailableIsNotReportedAsAMissingPermission() {
    BucketPosture noTrails =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            hardened.objectOwnership(),
            hardened.bucketBlock(),
            hardened.accountBlock(),
            hardened.bucketAcl(),
            hardened.aclConditionStatements(),
            hardened.encryption(),
            hardened.logging(),
            hardened.objectAcls(),
            Fact.unavailable("cloudtrail:DescribeTrails"));
    Finding finding = only(PostureFindings.of(noTrails, Postures.listOnly()), "PostureUnreadable");
    assertThat(finding.message())
        .contains("cloudtrail:DescribeTrails is not available")
        .doesNotContain("grant ");
  }

  @Test
  void objectAclGrantsSayHowManyObjectsOfTheSample() {
    BucketPosture posture =
        new BucketPosture(
            hardened.bucket(),
            hardened.ownerAccountId(),
            hardened.objectOwnership(),
            hardened.bucketBlock(),
            hardened.accountBlock(),
            hardened.bucketAcl(),
            hardened.aclConditionStatements(),
            hardened.encryption(),
            hardened.logging(),
            Fact.known(
                new ObjectAclSample(
                    List.of("reports/"),
                    7,
                    20,
                    "",
                    List.of(
                        new AclGrant("reports/a", "AllUsers", "READ"),
                        new AclGrant("reports/a", "abc", "READ"),
                        new AclGrant("reports/b", "abc", "FULL_CONTROL")))),
            hardened.dataEvents());
    Finding finding = only(PostureFindings.of(posture, Postures.listOnly()), "ObjectAclGrant");
    assertThat(finding.message()).startsWith("Of 7 sampled object(s) of bucket data, 2 have");
  }

  private BucketPosture withOwnership(Fact<Optional<String>> ownership) {
    return new BucketPosture(
        hardened.bucket(),
        hardened.ownerAccountId(),
        ownership,
        hardened.bucketBlock(),
        hardened.accountBlock(),
        hardened.bucketAcl(),
        hardened.aclConditionStatements(),
        hardened.encryption(),
        hardened.logging(),
        hardened.objectAcls(),
        hardened.dataEvents());
  }

  private BucketPosture withEncryption(Encryption encryption) {
    return new BucketPosture(
        hardened.bucket(),
        hardened.ownerAccountId(),
        hardened.objectOwnership(),
        hardened.bucketBlock(),
        hardened.accountBlock(),
        hardened.bucketAcl(),
        hardened.aclConditionStatements(),
        Fact.known(encryption),
        hardened.logging(),
        hardened.objectAcls(),
        hardened.dataEvents());
  }
}
