package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * CrossAccountRole grants on buckets encrypted with a KMS key, against a real API server and moto:
 * the role's inline policy gains the kms: statements its access needs on the bucket's key, and
 * loses them when the bucket stops using the key; the AWS managed key needs none; a key in a third
 * account and an unreadable encryption are reported; a role that is not ours stays untouched.
 */
@ExtendWith(MotoExtension.class)
class CrossAccountRoleKmsIT {

  static final String INSTALLATION = "rolekms";
  static final String OWNER_ACCOUNT = "727272727272";
  static final String TRUSTED_ACCOUNT = "737373737373";
  static final String THIRD_ACCOUNT = "747474747474";
  static final String REGION = "eu-west-1";
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "rolekms-owner", OWNER_ACCOUNT);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void readAndReadWriteGetTheirKmsStatementsUntilTheBucketStopsUsingTheKey() throws Exception {
    String bucket = "rolekms-data";
    owner.createBucket(bucket);
    KeyMetadata key = createKey();
    encryptWith(bucket, ServerSideEncryption.AWS_KMS, key.keyId());

    apply(resource("reader", bucket, Access.Read, List.of("reports/")));
    apply(resource("writer", bucket, Access.ReadWrite, List.of()));
    String reader = awaitReady("reader").getStatus().getRoleName();
    String writer = awaitReady("writer").getStatus().getRoleName();

    // The bucket names its key by id; the statement names it by the ARN KMS gives it.
    assertThat(kmsStatements(reader))
        .containsExactly(
            JSON.readTree(
                """
                {"Sid":"S3ShareKey0","Effect":"Allow","Action":["kms:Decrypt"],
                 "Resource":["%s"],
                 "Condition":{"StringEquals":{"kms:ViaService":["s3.eu-west-1.amazonaws.com"]},
                   "StringLike":{"kms:EncryptionContext:aws:s3:arn":
                     ["arn:aws:s3:::rolekms-data/reports/*"]}}}"""
                    .formatted(key.arn())));
    assertThat(kmsStatements(writer))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(texts(s.get("Action")))
                  .containsExactly("kms:Decrypt", "kms:GenerateDataKey");
              assertThat(texts(s.get("Resource"))).containsExactly(key.arn());
            });
    assertThat(readyMessage("reader")).doesNotContain("KMS key");

    // The bucket moves to S3 managed keys: the next reads of its encryption drop the statements.
    encryptWith(bucket, ServerSideEncryption.AES256, null);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(kmsStatements(reader)).isEmpty();
              assertThat(kmsStatements(writer)).isEmpty();
            });
    assertThat(inlinePolicy(reader).toString()).contains("s3:GetObject");
    awaitReady("reader");
  }

  @Test
  void theAwsManagedKeyNeedsNothingAndAThirdAccountKeyIsGrantedAndReported() throws Exception {
    String managed = "rolekms-managed";
    owner.createBucket(managed);
    encryptWith(managed, ServerSideEncryption.AWS_KMS, null);
    String foreign = "rolekms-foreign";
    owner.createBucket(foreign);
    String foreignKey =
        "arn:aws:kms:eu-west-1:" + THIRD_ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    encryptWith(foreign, ServerSideEncryption.AWS_KMS, foreignKey);

    apply(resource("managed", managed, Access.ReadWrite, List.of()));
    apply(resource("foreign", foreign, Access.Write, List.of("in/")));
    String managedRole = awaitReady("managed").getStatus().getRoleName();
    String foreignRole = awaitReady("foreign").getStatus().getRoleName();

    assertThat(operator.calls.count("GetBucketEncryption")).isPositive();
    // aws/s3 serves every principal of its account through S3: the s3: statements are enough.
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kmsStatements(managedRole)).isEmpty());
    assertThat(kmsStatements(foreignRole))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(texts(s.get("Action")))
                  .containsExactly("kms:Decrypt", "kms:GenerateDataKey");
              assertThat(texts(s.get("Resource"))).containsExactly(foreignKey);
            });
    assertThat(readyMessage("foreign"))
        .contains(foreignKey)
        .contains(THIRD_ACCOUNT)
        .contains("cannot change")
        .contains(foreignRole);
  }

  @Test
  void anEncryptionTheOperatorMayNotReadKeepsTheRoleReadyAndSaysWhatToGrant() throws Exception {
    String bucket = "rolekms-hidden";
    owner.createBucket(bucket);
    encryptWith(bucket, ServerSideEncryption.AWS_KMS, createKey().keyId());
    // moto lets any caller read any bucket's encryption; AWS answers 403 without the permission.
    operator.faults.s3Error("GetBucketEncryption", bucket, 403, "AccessDenied", 1_000_000);

    apply(resource("hidden", bucket, Access.Read, List.of()));
    String role = awaitReady("hidden").getStatus().getRoleName();

    assertThat(readyMessage("hidden"))
        .contains(bucket)
        .contains("AccessDenied")
        .contains("s3:GetEncryptionConfiguration");
    assertThat(kmsStatements(role)).isEmpty();
    assertThat(inlinePolicy(role).toString()).contains("s3:GetObject");
    operator.faults.clear();
  }

  @Test
  void aRoleThatIsNotOursIsNeverTouchedEvenOnAKmsBucket() {
    String bucket = "rolekms-handmade";
    owner.createBucket(bucket);
    encryptWith(bucket, ServerSideEncryption.AWS_KMS, createKey().keyId());
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + TRUSTED_ACCOUNT
            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    owner
        .admin
        .iam()
        .createRole(b -> b.roleName("rolekms-by-hand").assumeRolePolicyDocument(trust));

    CrossAccountRole resource = resource("handmade", bucket, Access.ReadWrite, List.of());
    resource.getSpec().setRoleName("rolekms-by-hand");
    apply(resource);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(summary(get("handmade"))).isEqualTo("False/RoleExistsNotManaged"));
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        owner
                            .admin
                            .iam()
                            .listRolePolicies(b -> b.roleName("rolekms-by-hand"))
                            .policyNames())
                    .isEmpty());
  }

  private static KeyMetadata createKey() {
    return owner.admin.kms().createKey(b -> b.description("rolekms default key")).keyMetadata();
  }

  /** Sets the bucket's default encryption; {@code keyId} null for none named. */
  private static void encryptWith(String bucket, ServerSideEncryption algorithm, String keyId) {
    owner
        .admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(bucket)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.applyServerSideEncryptionByDefault(
                                        d -> d.sseAlgorithm(algorithm).kmsMasterKeyID(keyId)))));
  }

  private static CrossAccountRole resource(
      String name, String bucket, Access access, List<String> prefixes) {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(TRUSTED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(new ArrayList<>(List.of(RoleGrant.of(bucket, access, prefixes))));
    resource.setSpec(spec);
    return resource;
  }

  private static void apply(CrossAccountRole resource) {
    operator.client.resource(resource).serverSideApply();
  }

  private static CrossAccountRole get(String name) {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  private static String summary(CrossAccountRole resource) {
    return resource == null || resource.getStatus() == null
        ? "none"
        : Conditions.find(resource.getStatus().getConditions(), Conditions.READY)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  private static CrossAccountRole awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CrossAccountRole resource = get(name);
              assertThat(summary(resource)).isEqualTo("True/RoleReady");
              assertThat(resource.getStatus().getObservedGeneration())
                  .isEqualTo(resource.getMetadata().getGeneration());
            });
    return get(name);
  }

  private static String readyMessage(String name) {
    return Conditions.find(get(name).getStatus().getConditions(), Conditions.READY)
        .orElseThrow()
        .getMessage();
  }

  private static JsonNode inlinePolicy(String roleName) throws Exception {
    String document =
        owner
            .admin
            .iam()
            .getRolePolicy(b -> b.roleName(roleName).policyName("s3share-grants"))
            .policyDocument();
    return JSON.readTree(PolicyEquivalence.urlDecodeIfNeeded(document));
  }

  /** The statements of the role's inline policy that grant kms: actions. */
  private static List<JsonNode> kmsStatements(String roleName) throws Exception {
    return StreamSupport.stream(inlinePolicy(roleName).get("Statement").spliterator(), false)
        .filter(s -> s.get("Action").toString().contains("kms:"))
        .toList();
  }

  private static List<String> texts(JsonNode node) {
    return node.isArray()
        ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
        : List.of(node.asText());
  }
}
