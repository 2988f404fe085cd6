package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.micrometer.core.instrument.Gauge;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.PostureFindingStatus;
import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.metrics.PostureMetrics;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.AwsCallCounter;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Each posture finding, set up in moto through the SDK as a platform team's legacy would be, and
 * read back from the BucketShare's and the CrossAccountRole's status. moto stores ownership
 * controls, ACLs and Block Public Access without enforcing them, which is all reporting needs. The
 * account-level settings (Block Public Access, trails) apply to a whole account, so the legacy and
 * the hardened buckets live in two accounts.
 */
@ExtendWith(MotoExtension.class)
class PostureIT {

  static final String INSTALLATION = "posture";
  static final Duration RESYNC = Duration.ofSeconds(4);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String LEGACY_OWNER = "939393939301";
  static final String HARDENED_OWNER = "939393939302";
  static final String CONSUMER = "949494949401";
  static final String OTHER_CANONICAL_ID =
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount legacy;
  static OwnerAccount hardened;

  @BeforeAll
  static void accounts(MotoServer moto) {
    legacy = OwnerAccount.create(operator.client, moto, "posture-legacy", LEGACY_OWNER);
    hardened = OwnerAccount.create(operator.client, moto, "posture-hardened", HARDENED_OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    legacy.close();
    hardened.close();
  }

  @Test
  void aLegacyBucketGetsEveryFindingWhileTheShareStaysReady() {
    String bucket = "posture-legacy-data";
    legacy.createBucket(bucket);
    var s3 = legacy.admin.s3();
    // moto creates buckets without ownership controls: ACLs enabled, as on an old AWS bucket.
    String ownerId = s3.getBucketAcl(b -> b.bucket(bucket)).owner().id();
    s3.putPublicAccessBlock(
        b ->
            b.bucket(bucket)
                .publicAccessBlockConfiguration(
                    c ->
                        c.blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(false)
                            .restrictPublicBuckets(false)));
    // More objects under the shared prefix than one sample reads; two carry foreign grants.
    for (int i = 0; i < 23; i++) {
      String key = "reports/" + (char) ('a' + i);
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("r"));
    }
    s3.putObjectAcl(
        b ->
            b.bucket(bucket)
                .key("reports/a")
                .grantFullControl("id=" + ownerId)
                .grantRead("id=" + OTHER_CANONICAL_ID));
    s3.putObjectAcl(b -> b.bucket(bucket).key("reports/b").acl("public-read"));
    // After the uploads: moto gives new objects the bucket's ACL, where AWS gives them private.
    s3.putBucketAcl(
        b ->
            b.bucket(bucket)
                .accessControlPolicy(
                    p ->
                        p.owner(Owner.builder().id(ownerId).build())
                            .grants(
                                grant(Type.CANONICAL_USER, ownerId, Permission.FULL_CONTROL),
                                grant(Type.CANONICAL_USER, OTHER_CANONICAL_ID, Permission.READ),
                                grant(Type.GROUP, ALL_USERS, Permission.READ))));
    // A foreign uploader's grant that asks for an ACL on each upload.
    s3.putBucketPolicy(
        b ->
            b.bucket(bucket)
                .policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UploadsMustGiveOwner\","
                        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::959595959501:root\"},"
                        + "\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::"
                        + bucket
                        + "/*\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":"
                        + "\"bucket-owner-full-control\"}}}]}"));

    apply(share("legacy", legacy, bucket, Access.ReadWrite, List.of("reports/")));

    PostureStatus posture = awaitPosture("legacy", p -> p.getFindings() != null);
    assertThat(Shares.ready(get("legacy"))).isEqualTo("True/Granted");
    assertThat(posture.getObjectOwnership()).isEqualTo("NotSet");
    assertThat(posture.getBucketAclGrants())
        .extracting(g -> g.getGrantee() + ":" + g.getPermission())
        .containsExactlyInAnyOrder(OTHER_CANONICAL_ID + ":READ", "AllUsers:READ");
    assertThat(posture.getBucketBlockPublicAccess().getBlockPublicAcls()).isTrue();
    assertThat(posture.getBucketBlockPublicAccess().getBlockPublicPolicy()).isFalse();
    assertThat(posture.getAccountBlockPublicAccess().getRestrictPublicBuckets()).isFalse();
    assertThat(posture.getAccessLogging().getEnabled()).isFalse();
    assertThat(posture.getAclConditionStatements()).containsExactly("UploadsMustGiveOwner");
    assertThat(posture.getDataEvents().getCoverage()).isEqualTo("NotRecorded");
    assertThat(posture.getEncryption().getAlgorithm()).isEqualTo("AES256");
    // The sample stops at its limit, says where it looked, and finds both foreign grants.
    assertThat(posture.getObjectAcls().getLimit()).isEqualTo(20);
    assertThat(posture.getObjectAcls().getSampled()).isEqualTo(20);
    assertThat(posture.getObjectAcls().getPrefixes()).containsExactly("reports/");
    assertThat(posture.getObjectAcls().getGrants())
        .extracting(g -> g.getKey() + ":" + g.getGrantee() + ":" + g.getPermission())
        .containsExactlyInAnyOrder(
            "reports/a:" + OTHER_CANONICAL_ID + ":READ", "reports/b:AllUsers:READ");

    assertThat(posture.getFindings())
        .extracting(f -> f.getSeverity() + "/" + f.getReason())
        .containsExactly(
            "Blocking/AclsEnabled",
            "BestPractice/AccessLoggingOff",
            "BestPractice/AclConditionInPolicy",
            "BestPractice/BlockPublicAccessOff",
            "BestPractice/BlockPublicAccessOff",
            "BestPractice/BucketAclGrant",
            "BestPractice/DataEventsNotRecorded",
            "BestPractice/ObjectAclGrant",
            "BestPractice/PublicAclGrant");
    assertThat(finding(posture, "AclsEnabled").getMessage())
        .contains("stay owned by them")
        .contains("BucketOwnerEnforced with a SharedBucket");
    assertThat(posture.getFindings())
        .filteredOn(f -> f.getReason().equals("BlockPublicAccessOff"))
        .extracting(PostureFindingStatus::getMessage)
        .anySatisfy(m -> assertThat(m).contains("bucket " + bucket).contains("BlockPublicPolicy"))
        .anySatisfy(m -> assertThat(m).contains("account " + LEGACY_OWNER));

    assertThat(findingsGauge(bucket, "AclsEnabled")).hasValue(1.0);

    // The platform team fixes the ownership out of band: the next read reports it.
    s3.putBucketOwnershipControls(
        b ->
            b.bucket(bucket)
                .ownershipControls(
                    c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    PostureStatus enforced =
        awaitPosture("legacy", p -> "BucketOwnerEnforced".equals(p.getObjectOwnership()));
    assertThat(enforced.getFindings())
        .extracting(PostureFindingStatus::getReason)
        .doesNotContain("AclsEnabled", "ObjectAclGrant");
    assertThat(enforced.getObjectAcls().getSampled()).isZero();
    assertThat(enforced.getObjectAcls().getSkipped()).contains("BucketOwnerEnforced");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(findingsGauge(bucket, "AclsEnabled")).isEmpty());

    // A CrossAccountRole granted on the same bucket reports the same bucket's posture.
    apply(role("legacy-role", legacy, bucket));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CrossAccountRole role = getRole("legacy-role");
              assertThat(role).isNotNull();
              assertThat(Shares.readyOf(role)).isEqualTo("True");
              assertThat(role.getStatus().getGrants()).hasSize(1);
              assertThat(role.getStatus().getGrants().get(0).getBucket()).isEqualTo(bucket);
              PostureStatus granted = role.getStatus().getGrants().get(0).getPosture();
              assertThat(granted).isNotNull();
              assertThat(granted.getObjectOwnership()).isEqualTo("BucketOwnerEnforced");
              assertThat(granted.getFindings())
                  .extracting(PostureFindingStatus::getReason)
                  .contains("BucketAclGrant", "PublicAclGrant", "AclConditionInPolicy");
            });
    assertThat(findingsGauge(bucket, "BucketAclGrant")).hasValue(2.0);

    operator.client.resource(get("legacy")).delete();
    operator.client.resource(getRole("legacy-role")).delete();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(findingsGauge(bucket, "BucketAclGrant")).isEmpty());
  }

  @Test
  void aHardenedBucketHasNoFindingsAndTheAwsManagedKeyBlocksReaders() {
    String logs = "posture-hardened-logs";
    String bucket = "posture-hardened-data";
    hardened.createBucket(logs);
    hardened.createBucket(bucket);
    var s3 = hardened.admin.s3();
    s3.putBucketAcl(b -> b.bucket(logs).acl("log-delivery-write"));
    s3.putBucketLogging(
        b ->
            b.bucket(bucket)
                .bucketLoggingStatus(
                    s -> s.loggingEnabled(l -> l.targetBucket(logs).targetPrefix("data/"))));
    s3.putBucketOwnershipControls(
        b ->
            b.bucket(bucket)
                .ownershipControls(
                    c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    s3.putPublicAccessBlock(
        b ->
            b.bucket(bucket)
                .publicAccessBlockConfiguration(
                    c ->
                        c.blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));
    hardened
        .admin
        .s3Control()
        .putPublicAccessBlock(
            b ->
                b.accountId(HARDENED_OWNER)
                    .publicAccessBlockConfiguration(
                        c ->
                            c.blockPublicAcls(true)
                                .ignorePublicAcls(true)
                                .blockPublicPolicy(true)
                                .restrictPublicBuckets(true)));
    var trails = hardened.admin.cloudTrail();
    trails.createTrail(b -> b.name("audit").s3BucketName(logs));
    trails.putEventSelectors(
        b ->
            b.trailName("audit")
                .eventSelectors(
                    e ->
                        e.readWriteType("All")
                            .includeManagementEvents(true)
                            .dataResources(
                                d ->
                                    d.type("AWS::S3::Object")
                                        .values("arn:aws:s3:::" + bucket + "/"))));

    apply(share("hardened", hardened, bucket, Access.List, List.of()));
    PostureStatus posture =
        awaitPosture("hardened", p -> "Recorded".equals(p.getDataEvents().getCoverage()));
    assertThat(posture.getFindings()).isNull();
    assertThat(posture.getUnreadable()).isNull();
    assertThat(posture.getObjectOwnership()).isEqualTo("BucketOwnerEnforced");
    assertThat(posture.getAccessLogging().getTargetBucket()).isEqualTo(logs);
    assertThat(posture.getAccountBlockPublicAccess().getBlockPublicPolicy()).isTrue();
    assertThat(posture.getDataEvents().getTrails()).containsExactly("audit");
    assertThat(posture.getBucketAclGrants()).isNull();

    // Posture reading writes nothing: a few quiet resyncs read it again and mutate nothing.
    operator.calls.reset();
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.calls.mutating()).isZero());
    assertThat(operator.calls.count("GetBucketAcl")).isPositive();
    assertThat(operator.calls.counts().keySet())
        .noneMatch(AwsCallCounter::isMutating)
        .contains("GetBucketOwnershipControls", "GetBucketLogging", "DescribeTrails");

    // Encrypted with the AWS managed key, objects are out of reach for other accounts.
    String kms = "posture-hardened-kms";
    hardened.createBucket(kms);
    s3.putBucketEncryption(
        b ->
            b.bucket(kms)
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            r ->
                                r.applyServerSideEncryptionByDefault(
                                    d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)))));
    apply(share("managed-key", hardened, kms, Access.Read, List.of("in/")));
    PostureStatus managed = awaitPosture("managed-key", p -> p.getFindings() != null);
    assertThat(managed.getEncryption().getAlgorithm()).isEqualTo("aws:kms");
    PostureFindingStatus blocking = finding(managed, "KmsAwsManagedKey");
    assertThat(blocking.getSeverity()).isEqualTo("Blocking");
    assertThat(blocking.getMessage()).contains("customer managed key");
  }

  @Test
  void aKeyInAThirdAccountIsReportedAndLeftAlone() {
    String bucket = "posture-third-key";
    String key = "arn:aws:kms:eu-west-1:969696969601:key/0b9a4c9e-4c1b-4f55-9b0e-2f6c3f5d1a11";
    hardened.createBucket(bucket);
    hardened
        .admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(bucket)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.bucketKeyEnabled(true)
                                        .applyServerSideEncryptionByDefault(
                                            d ->
                                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                    .kmsMasterKeyID(key)))));
    apply(share("third-key", hardened, bucket, Access.ReadWrite, List.of("out/")));
    PostureStatus posture = awaitPosture("third-key", p -> p.getFindings() != null);
    assertThat(posture.getEncryption().getKmsKeyId()).isEqualTo(key);
    assertThat(posture.getEncryption().getBucketKeyEnabled()).isTrue();
    PostureFindingStatus finding = finding(posture, "KmsKeyInOtherAccount");
    assertThat(finding.getSeverity()).isEqualTo("BestPractice");
    assertThat(finding.getMessage())
        .contains("969696969601")
        .contains("kms:Decrypt and kms:GenerateDataKey");
  }

  @Test
  void aDeniedReadIsReportedAsUnreadableAndTheShareStaysReady() {
    String bucket = "posture-denied";
    hardened.createBucket(bucket);
    // AWS answers AccessDenied when the operator's role lacks s3:GetBucketLogging.
    operator.faults.s3Error("GetBucketLogging", bucket, 403, "AccessDenied", 1000);
    try {
      apply(share("denied", hardened, bucket, Access.List, List.of()));
      PostureStatus posture = awaitPosture("denied", p -> p.getUnreadable() != null);
      assertThat(Shares.ready(get("denied"))).isEqualTo("True/Granted");
      assertThat(posture.getUnreadable()).containsExactly("s3:GetBucketLogging");
      assertThat(posture.getAccessLogging()).isNull();
      assertThat(finding(posture, "PostureUnreadable").getMessage())
          .contains("grant s3:GetBucketLogging");
    } finally {
      operator.faults.clear();
    }
  }

  private static Grant grant(Type type, String id, Permission permission) {
    Grantee.Builder grantee = Grantee.builder().type(type);
    if (type == Type.GROUP) {
      grantee.uri(id);
    } else {
      grantee.id(id);
    }
    return Grant.builder().grantee(grantee.build()).permission(permission).build();
  }

  private static PostureFindingStatus finding(PostureStatus posture, String reason) {
    List<PostureFindingStatus> found =
        posture.getFindings().stream().filter(f -> f.getReason().equals(reason)).toList();
    assertThat(found).as("findings %s", reason).hasSize(1);
    return found.get(0);
  }

  private static Optional<Double> findingsGauge(String bucket, String reason) {
    return Optional.ofNullable(
            operator
                .metrics
                .find(PostureMetrics.FINDINGS)
                .tag("bucket", bucket)
                .tag("reason", reason)
                .gauge())
        .map(Gauge::value);
  }

  private static PostureStatus awaitPosture(String name, Function<PostureStatus, Boolean> settled) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(share).isNotNull();
              assertThat(share.getStatus()).isNotNull();
              assertThat(share.getStatus().getPosture()).isNotNull();
              assertThat(settled.apply(share.getStatus().getPosture())).isTrue();
            });
    return get(name).getStatus().getPosture();
  }

  private static BucketShare share(
      String name, OwnerAccount owner, String bucket, Access access, List<String> prefixes) {
    return Shares.share(
        operator.namespace(),
        name,
        owner.name,
        bucket,
        access,
        List.of(Consumer.account(CONSUMER)),
        prefixes);
  }

  private static CrossAccountRole role(String name, OwnerAccount owner, String bucket) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(CONSUMER)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(bucket, Access.Read, List.of("reports/"))));
    role.setSpec(spec);
    return role;
  }

  private static void apply(io.fabric8.kubernetes.api.model.HasMetadata resource) {
    operator.client.resource(resource).serverSideApply();
  }

  private static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  private static CrossAccountRole getRole(String name) {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
