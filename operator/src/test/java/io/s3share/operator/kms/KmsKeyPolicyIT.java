package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.KeyPolicyStatus;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Shares on SSE-KMS buckets keep their consumers in the key policy: created, compacted, updated,
 * restored after drift, removed or retained on delete, with the key administrators' statements left
 * exactly as they were. Every assertion reads the key policy back from moto.
 */
@ExtendWith(MotoExtension.class)
class KmsKeyPolicyIT {

  static final String INSTALLATION = "kmskeys";
  static final SidNamespace OURS = new SidNamespace(INSTALLATION);
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER = "616161616161";
  static final String THIRD = "636363636363";
  static final String A = "626262626201";
  static final String B = "626262626202";
  static final String REFUSED = "626262626299";
  static final String ROOT_A = "arn:aws:iam::" + A + ":root";
  static final String ROOT_B = "arn:aws:iam::" + B + ":root";

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  /** What key administrators write, as they wrote it. */
  static final List<ObjectNode> FOREIGN =
      List.of(
          KmsKeys.parse(
              "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":"
                  + "{\"AWS\":\"arn:aws:iam::"
                  + OWNER
                  + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}"),
          KmsKeys.parse(
              "{\"Sid\":\"Allow access for Key Administrators\",\"Effect\":\"Allow\",\"Principal\":"
                  + "{\"AWS\":[\"arn:aws:iam::"
                  + OWNER
                  + ":role/KeyAdmin\"]},\"Action\":[\"kms:Create*\",\"kms:Describe*\","
                  + "\"kms:Put*\",\"kms:ScheduleKeyDeletion\"],\"Resource\":\"*\"}"));

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "kmskeys-owner", OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    owner.close();
  }

  @Test
  void consumersStatementsFollowTheSharesWhileForeignStatementsStayExactly() {
    String bucket = "kmskeys-story";
    KeyMetadata key = encryptedBucket(bucket, false);

    apply(share("reader-a", bucket, Access.Read, A));
    awaitReady("reader-a");
    List<ObjectNode> ours = awaitOurs(key, s -> assertThat(s).hasSize(1));
    assertThat(KmsKeys.principals(ours.get(0))).containsExactly(ROOT_A);
    assertThat(KmsKeys.actions(ours.get(0))).containsExactly("kms:Decrypt");
    assertThat(ours.get(0).at("/Condition/StringEquals/kms:ViaService").toString())
        .contains("s3.eu-west-1.amazonaws.com");
    assertThat(ours.get(0).at("/Condition/StringLike/kms:EncryptionContext:aws:s3:arn").toString())
        .contains("arn:aws:s3:::" + bucket + "/reports/*");
    assertForeignKept(key);
    BucketShare readerA = get("reader-a");
    KeyPolicyStatus status = readerA.getStatus().getKeyPolicy();
    assertThat(status.getKeyArn()).isEqualTo(key.arn());
    assertThat(status.getManagement()).isEqualTo(KeyPolicyManagement.Manage);
    assertThat(status.getStatementIds()).containsExactly(ours.get(0).get("Sid").asText());
    // Judged on the key policy as written: no KmsKeyDenies once the statement is in.
    assertThat(readerA.getStatus().getEffectiveAccess().getResult())
        .isEqualTo(EffectiveAccessResult.Verified);

    // Same access and prefixes: one statement with both consumers.
    String readerAVersion = readerA.getMetadata().getResourceVersion();
    apply(share("reader-b", bucket, Access.Read, B));
    awaitReady("reader-b");
    awaitOurs(
        key,
        s -> {
          assertThat(s).hasSize(1);
          assertThat(KmsKeys.principals(s.get(0))).containsExactlyInAnyOrder(ROOT_A, ROOT_B);
        });
    // The key policy grew, but reader-a's grants did not change: its status stays as it was
    // through the resyncs that follow.
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(get("reader-a").getMetadata().getResourceVersion())
                    .as("reader-a's resourceVersion after reader-b joined the key policy")
                    .isEqualTo(readerAVersion));

    // Read -> ReadWrite: A also generates data keys, B still only decrypts.
    BucketShare upgraded = get("reader-a");
    upgraded.getSpec().setAccess(Access.ReadWrite);
    apply(upgraded);
    awaitOurs(
        key,
        s -> {
          assertThat(s).hasSize(2);
          assertThat(s)
              .anySatisfy(
                  st -> {
                    assertThat(KmsKeys.principals(st)).containsExactly(ROOT_A);
                    assertThat(KmsKeys.actions(st))
                        .containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey");
                  })
              .anySatisfy(
                  st -> {
                    assertThat(KmsKeys.principals(st)).containsExactly(ROOT_B);
                    assertThat(KmsKeys.actions(st)).containsExactly("kms:Decrypt");
                  });
        });
    assertForeignKept(key);

    // Drift: a key administrator writes the policy without our statements; resync restores them.
    KmsKeys.put(owner.admin, key.keyId(), FOREIGN);
    awaitOurs(key, s -> assertThat(s).hasSize(2));
    assertForeignKept(key);

    // Deleted: B's consumer leaves the key policy; A's stays.
    delete("reader-b");
    awaitOurs(
        key,
        s -> {
          assertThat(s).hasSize(1);
          assertThat(KmsKeys.principals(s.get(0))).containsExactly(ROOT_A);
        });
    assertForeignKept(key);
  }

  @Test
  void anExpiredShareLosesItsKeyStatementWithItsBucketGrants() {
    String bucket = "kmskeys-expiry";
    KeyMetadata key = encryptedBucket(bucket, false);
    apply(share("expiring", bucket, Access.Read, A));
    awaitReady("expiring");
    awaitOurs(key, s -> assertThat(s).hasSize(1));

    BucketShare expired = get("expiring");
    expired.getSpec().setExpiresAt(java.time.OffsetDateTime.now().minusMinutes(1));
    apply(expired);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(Shares.stalledReason(get("expiring"))).isEqualTo("Expired"));
    awaitOurs(key, s -> assertThat(s).isEmpty());
    assertForeignKept(key);
  }

  @Test
  void withBucketKeysTheStatementIsScopedToTheBucket() {
    String bucket = "kmskeys-bucketkey";
    KeyMetadata key = encryptedBucket(bucket, true);

    apply(share("bucket-key", bucket, Access.Read, A));

    awaitReady("bucket-key");
    List<ObjectNode> ours = awaitOurs(key, s -> assertThat(s).hasSize(1));
    assertThat(
            ours.get(0).at("/Condition/StringEquals/kms:EncryptionContext:aws:s3:arn").toString())
        .contains("arn:aws:s3:::" + bucket + "\"");
    assertThat(get("bucket-key").getStatus().getEffectiveAccess().getResult())
        .isEqualTo(EffectiveAccessResult.Verified);
  }

  @Test
  void aRetainedShareLeavesItsStatementInTheKeyPolicyAsAnUnmanagedOne() {
    String bucket = "kmskeys-retain";
    KeyMetadata key = encryptedBucket(bucket, false);
    apply(Shares.retained(share("kept", bucket, Access.Read, A)));
    awaitReady("kept");
    awaitOurs(key, s -> assertThat(s).hasSize(1));

    delete("kept");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<ObjectNode> all = KmsKeys.statements(owner.admin, key.keyId());
              assertThat(KmsKeys.withSidPrefix(all, OURS.sidPrefix())).isEmpty();
              List<ObjectNode> retained = KmsKeys.withSidPrefix(all, RetainedStatements.SID_PREFIX);
              assertThat(retained).hasSize(1);
              assertThat(KmsKeys.principals(retained.get(0))).containsExactly(ROOT_A);
            });
    assertForeignKept(key);
  }

  @Test
  void theAwsManagedKeyCannotBeSharedAndSaysHowToReEncrypt() {
    String bucket = "kmskeys-aws-managed";
    owner.createBucket(bucket);
    KmsKeys.encrypt(owner.admin, bucket, null, false);

    apply(share("managed", bucket, Access.Read, A));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get("managed");
              assertThat(Shares.stalledReason(share)).isEqualTo("KmsKeyNotShareable");
              assertThat(Shares.condition(share, "Stalled").orElseThrow().getMessage())
                  .contains("aws/s3")
                  .contains("PutBucketEncryption")
                  .contains("customer managed key");
            });
  }

  @Test
  void aKeyInAThirdAccountIsReportedAndLeftAlone(MotoServer moto) {
    String bucket = "kmskeys-third";
    owner.createBucket(bucket);
    KeyMetadata foreignKey;
    String before;
    try (AwsClientFactory factory = MotoAccounts.adminFactory(THIRD);
        AccountClients third = factory.clientsFor(MotoAccounts.direct(moto, THIRD))) {
      foreignKey = KmsKeys.create(third, "a key of another account");
      before = KmsKeys.policy(third, foreignKey.keyId());
      KmsKeys.encrypt(owner.admin, bucket, foreignKey.arn(), false);

      apply(share("third", bucket, Access.Read, A));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                BucketShare share = get("third");
                assertThat(Shares.ready(share)).isEqualTo("True/Granted");
                KeyPolicyStatus status = share.getStatus().getKeyPolicy();
                assertThat(status).isNotNull();
                assertThat(status.getKeyArn()).isEqualTo(foreignKey.arn());
                assertThat(status.getMessage()).contains("another account").contains("alone");
              });
      assertThat(KmsKeys.policy(third, foreignKey.keyId())).isEqualTo(before);
    }
  }

  @Test
  void aPrincipalKmsRefusesStopsOnlyItsOwnShare() {
    String bucket = "kmskeys-refused";
    KeyMetadata key = encryptedBucket(bucket, false);
    // moto stores any principal; AWS answers MalformedPolicyDocumentException for an unknown one.
    operator.faults.kmsRefusesPrincipal(REFUSED);

    apply(share("good", bucket, Access.Read, A));
    apply(share("bad", bucket, Access.Write, REFUSED));

    awaitReady("good");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(Shares.stalledReason(get("bad"))).isEqualTo("InvalidPrincipal"));
    List<ObjectNode> ours = awaitOurs(key, s -> assertThat(s).hasSize(1));
    assertThat(KmsKeys.principals(ours.get(0))).containsExactly(ROOT_A);
    assertThat(KmsKeys.policy(owner.admin, key.keyId())).doesNotContain(REFUSED);
    assertForeignKept(key);
  }

  @Test
  void aShareThatDoesNotFitInTheKeyPolicyStallsAloneWithPolicyTooLarge() {
    String bucket = "kmskeys-full";
    KeyMetadata key = encryptedBucket(bucket, false);
    // Others' statements fill the key policy up to room for one of ours (about 350 bytes), not two.
    List<ObjectNode> padded = new java.util.ArrayList<>(FOREIGN);
    padded.add(auditors(""));
    int room = 500;
    int padding = 32 * 1024 - room - KmsKeys.minifiedSize(padded);
    padded.set(padded.size() - 1, auditors("t".repeat(padding)));
    KmsKeys.put(owner.admin, key.keyId(), padded);

    apply(share("first", bucket, Access.Read, A));
    awaitReady("first");
    BucketShare second = share("second", bucket, Access.Read, B);
    second.getSpec().setPrefixes(List.of("other/"));
    apply(second);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(Shares.stalledReason(get("second"))).isEqualTo("PolicyTooLarge"));
    assertThat(Shares.ready(get("first"))).isEqualTo("True/Granted");
    List<ObjectNode> all = KmsKeys.statements(owner.admin, key.keyId());
    assertThat(all.subList(0, 3)).containsExactlyElementsOf(padded);
    List<ObjectNode> ours = KmsKeys.withSidPrefix(all, OURS.sidPrefix());
    assertThat(ours).hasSize(1);
    assertThat(KmsKeys.principals(ours.get(0))).containsExactly(ROOT_A);
  }

  private static ObjectNode auditors(String team) {
    return KmsKeys.parse(
        "{\"Sid\":\"Auditors\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OWNER
            + ":root\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\",\"Condition\":"
            + "{\"StringEquals\":{\"aws:PrincipalTag/team\":\""
            + team
            + "\"}}}");
  }

  private static KeyMetadata encryptedBucket(String bucket, boolean bucketKey) {
    owner.createBucket(bucket);
    KeyMetadata key = KmsKeys.create(owner.admin, "default key of " + bucket);
    KmsKeys.put(owner.admin, key.keyId(), FOREIGN);
    KmsKeys.encrypt(owner.admin, bucket, key.arn(), bucketKey);
    return key;
  }

  /** The administrators' statements come first, exactly as they wrote them. */
  private static void assertForeignKept(KeyMetadata key) {
    List<ObjectNode> all = KmsKeys.statements(owner.admin, key.keyId());
    assertThat(all.size()).isGreaterThanOrEqualTo(FOREIGN.size());
    assertThat(all.subList(0, FOREIGN.size())).containsExactlyElementsOf(FOREIGN);
  }

  private static List<ObjectNode> awaitOurs(
      KeyMetadata key, java.util.function.Consumer<List<ObjectNode>> check) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                check.accept(
                    KmsKeys.withSidPrefix(
                        KmsKeys.statements(owner.admin, key.keyId()), OURS.sidPrefix())));
    return KmsKeys.withSidPrefix(KmsKeys.statements(owner.admin, key.keyId()), OURS.sidPrefix());
  }

  private static void awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = get(name);
              assertThat(share).isNotNull();
              assertThat(Shares.ready(share)).isEqualTo("True/Granted");
              assertThat(share.getStatus().getKeyPolicy()).isNotNull();
              assertThat(share.getStatus().getEffectiveAccess()).isNotNull();
            });
  }

  static BucketShare share(String name, String bucket, Access access, String consumer) {
    return Shares.share(
        operator.namespace(),
        name,
        "kmskeys-owner",
        bucket,
        access,
        List.of(Consumer.account(consumer)),
        List.of("reports/"));
  }

  static void apply(BucketShare share) {
    share.getMetadata().setResourceVersion(null);
    share.getMetadata().setManagedFields(null);
    share.setStatus(null);
    operator.client.resource(share).serverSideApply();
  }

  static void delete(String name) {
    operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(get(name)).isNull());
  }

  static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }
}
