package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.policy.PolicyEquivalence;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoAccountHeader;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A CrossAccountRole's life against a real API server and moto: create, assume from the trusted
 * account, steady state, change, out-of-band drift, delete; plus Retain, a role that is not ours,
 * IAM propagation delays, a tenant's ExternalId Secret, managed policies attached out of band and
 * the steady-state cost of a resync.
 */
@ExtendWith(MotoExtension.class)
class CrossAccountRoleLifecycleIT {

  static final String INSTALLATION = "xrole";
  static final String OWNER_ACCOUNT = "333333333333";
  static final String TRUSTED_ACCOUNT = "222222222222";
  static final String BOUNDARY = "arn:aws:iam::333333333333:policy/xrole-boundary";
  static final Duration RESYNC = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static MotoServer moto;
  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer server) {
    moto = server;
    owner = OwnerAccount.create(operator.client, moto, "xrole-owner", OWNER_ACCOUNT);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void createAssumeSteadyStateChangeDriftAndDelete() throws Exception {
    CrossAccountRole resource = resource("reports-reader", Access.Read, List.of("reports/"));
    resource.getSpec().setTags(Map.of("team", "analytics"));
    apply(resource);

    // Create: the role, its trust policy and its one inline policy, exactly as designed.
    CrossAccountRole ready = awaitReady("reports-reader");
    String roleName = ready.getStatus().getRoleName();
    assertThat(roleName).startsWith("s3share-").hasSizeLessThanOrEqualTo(64);
    assertThat(ready.getStatus().getRoleArn())
        .isEqualTo("arn:aws:iam::" + OWNER_ACCOUNT + ":role/s3share/" + roleName);
    assertThat(ready.getStatus().getExternalIdSecretRef().getName())
        .isEqualTo("reports-reader-external-id");
    assertThat(ready.getStatus().getTrustPolicy().getLimitChars()).isEqualTo(2048);
    assertThat(ready.getStatus().getInlinePolicy().getLimitChars()).isEqualTo(10240);
    String externalId = externalIdIn("reports-reader-external-id");
    assertThat(externalId).hasSize(32);

    Role role = role(roleName);
    assertThat(decoded(role.assumeRolePolicyDocument()))
        .isEqualTo(
            JSON.readTree(
                """
                {"Version":"2012-10-17","Statement":[{"Sid":"TrustedPrincipals","Effect":"Allow",
                 "Principal":{"AWS":["arn:aws:iam::222222222222:root"]},
                 "Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"sts:ExternalId":["%s"]}}}]}"""
                    .formatted(externalId)));
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
    assertThat(decoded(inlinePolicy(roleName)))
        .isEqualTo(
            JSON.readTree(
                """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"S3ShareGrant0","Effect":"Allow","Action":["s3:ListBucket"],
                  "Resource":["arn:aws:s3:::xrole-reports"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]},
                               "StringLike":{"s3:prefix":["reports/","reports/*"]}}},
                 {"Sid":"S3ShareGrant1","Effect":"Allow","Action":["s3:GetBucketLocation"],
                  "Resource":["arn:aws:s3:::xrole-reports"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]}}},
                 {"Sid":"S3ShareGrant2","Effect":"Allow",
                  "Action":["s3:GetObject","s3:GetObjectVersion"],
                  "Resource":["arn:aws:s3:::xrole-reports/reports/*"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]}}}]}"""));
    Map<String, String> expectedTags =
        Map.of(
            "team", "analytics",
            "s3share.io/managed-by", "s3-share-operator-" + INSTALLATION,
            "s3share.io/owner", operator.namespace() + "/reports-reader");
    assertThat(tags(role)).isEqualTo(expectedTags);
    assertThat(role.maxSessionDuration()).isEqualTo(3600);

    // The trusted account assumes the role, presenting the ExternalId. moto does not evaluate
    // trust-policy conditions, so the assertion that the id is required is on the document above.
    Credentials session = assumeFromTrustedAccount(ready.getStatus().getRoleArn(), externalId);
    try (AwsClientFactory asRole =
            new AwsClientFactory(
                StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())),
                List.of());
        AccountClients inOwner = asRole.clientsFor(MotoAccounts.direct(moto, OWNER_ACCOUNT))) {
      var identity = inOwner.sts().getCallerIdentity();
      assertThat(identity.account()).isEqualTo(OWNER_ACCOUNT);
      assertThat(identity.arn()).contains(":assumed-role/" + roleName + "/");
    }

    // Steady state: resyncs read the account's roles in bulk and write nothing.
    operator.calls.reset();
    await()
        .during(RESYNC.multipliedBy(3))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.calls.mutating()).isZero());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(operator.calls.count("GetAccountAuthorizationDetails"))
                    .isGreaterThanOrEqualTo(2));
    assertThat(operator.calls.mutating()).isZero();

    // Change: wider access, a second bucket, a boundary, a longer session.
    CrossAccountRole changed = resource("reports-reader", Access.ReadWrite, List.of("reports/"));
    changed.getSpec().setTags(Map.of("team", "analytics"));
    changed.getSpec().getGrants().add(RoleGrant.of("xrole-exports", Access.List, List.of()));
    changed.getSpec().setPermissionsBoundaryArn(BOUNDARY);
    changed.getSpec().setMaxSessionDuration(7200);
    apply(changed);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(decoded(inlinePolicy(roleName)).toString())
                    .contains("s3:PutObject")
                    .contains("arn:aws:s3:::xrole-exports"));
    CrossAccountRole afterChange = awaitReady("reports-reader");
    assertThat(afterChange.getStatus().getObservedGeneration()).isEqualTo(2L);
    String grantsAfterChange = inlinePolicy(roleName);
    assertThat(role(roleName).maxSessionDuration()).isEqualTo(7200);
    assertThat(role(roleName).permissionsBoundary().permissionsBoundaryArn()).isEqualTo(BOUNDARY);

    // Drift: a human edits everything; resync restores all of it.
    var iam = owner.admin.iam();
    iam.updateAssumeRolePolicy(
        b ->
            b.roleName(roleName)
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Principal":{"AWS":"arn:aws:iam::999999999999:root"},
                     "Action":"sts:AssumeRole"}]}"""));
    iam.putRolePolicy(
        b ->
            b.roleName(roleName)
                .policyName("s3share-grants")
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::xrole-reports/*"}]}"""));
    iam.putRolePolicy(
        b ->
            b.roleName(roleName)
                .policyName("added-by-hand")
                .policyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
                     "Resource":"*"}]}"""));
    iam.tagRole(
        b ->
            b.roleName(roleName)
                .tags(
                    Tag.builder().key("team").value("someone-else").build(),
                    Tag.builder().key("extra").value("x").build()));
    iam.updateRole(b -> b.roleName(roleName).maxSessionDuration(43200));
    iam.deleteRolePermissionsBoundary(b -> b.roleName(roleName));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Role restored = role(roleName);
              assertThat(
                      PolicyEquivalence.equivalentJson(
                          restored.assumeRolePolicyDocument(), role.assumeRolePolicyDocument()))
                  .isTrue();
              assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
              assertThat(
                      PolicyEquivalence.equivalentJson(inlinePolicy(roleName), grantsAfterChange))
                  .isTrue();
              assertThat(tags(restored)).isEqualTo(expectedTags);
              assertThat(restored.maxSessionDuration()).isEqualTo(7200);
              assertThat(restored.permissionsBoundary()).isNotNull();
            });
    awaitReady("reports-reader");

    // The boundary leaves the spec: it leaves the role.
    changed.getSpec().setPermissionsBoundaryArn(null);
    apply(changed);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(role(roleName).permissionsBoundary()).isNull());
    awaitReady("reports-reader");

    // Delete: the inline policy, then the role.
    operator.client.resource(get("reports-reader")).delete();
    await().atMost(WAIT).until(() -> get("reports-reader") == null);
    assertThatThrownBy(() -> role(roleName)).isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void retainKeepsTheRoleAndHandsItOver() {
    CrossAccountRole resource = resource("kept", Access.List, List.of());
    resource.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    apply(resource);
    String roleName = awaitReady("kept").getStatus().getRoleName();
    String trust = role(roleName).assumeRolePolicyDocument();

    operator.client.resource(get("kept")).delete();
    await().atMost(WAIT).until(() -> get("kept") == null);

    Role kept = role(roleName);
    assertThat(kept.assumeRolePolicyDocument()).isEqualTo(trust);
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
    assertThat(tags(kept)).doesNotContainKeys("s3share.io/managed-by", "s3share.io/owner");

    // Handed over for good: the same resource again does not adopt it.
    apply(resource("kept", Access.List, List.of()));
    awaitStalled("kept", "RoleExistsNotManaged");
  }

  @Test
  void rolesThatAreNotOursAreNeverChanged() throws Exception {
    String trust =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::777777777777:root"},"Action":"sts:AssumeRole"}]}""";
    owner
        .admin
        .iam()
        .createRole(
            b ->
                b.roleName("made-by-a-human")
                    .assumeRolePolicyDocument(trust)
                    .tags(Tag.builder().key("owner").value("humans").build()));
    owner
        .admin
        .iam()
        .createRole(
            b ->
                b.roleName("owned-by-another")
                    .assumeRolePolicyDocument(trust)
                    .tags(
                        Tag.builder()
                            .key("s3share.io/managed-by")
                            .value("s3-share-operator-" + INSTALLATION)
                            .build(),
                        Tag.builder().key("s3share.io/owner").value("elsewhere/theirs").build()));

    CrossAccountRole clash = resource("clash", Access.Read, List.of());
    clash.getSpec().setRoleName("made-by-a-human");
    apply(clash);
    CrossAccountRole other = resource("other", Access.Read, List.of());
    other.getSpec().setRoleName("owned-by-another");
    apply(other);

    CrossAccountRole stalled = awaitStalled("clash", "RoleExistsNotManaged");
    assertThat(readyCondition(stalled).getMessage())
        .contains("made-by-a-human")
        .contains("never adopts");
    assertThat(readyCondition(awaitStalled("other", "RoleOwnedByAnother")).getMessage())
        .contains("elsewhere/theirs");
    // Across resyncs the operator keeps its hands off both roles.
    await()
        .during(RESYNC.multipliedBy(2))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String name : List.of("made-by-a-human", "owned-by-another")) {
                assertThat(decoded(role(name).assumeRolePolicyDocument()))
                    .isEqualTo(JSON.readTree(trust));
                assertThat(inlinePolicyNames(name)).isEmpty();
              }
            });
    assertThat(tags(role("made-by-a-human"))).isEqualTo(Map.of("owner", "humans"));

    // Deleting the resources leaves both roles where they are.
    operator.client.resource(get("clash")).delete();
    operator.client.resource(get("other")).delete();
    await().atMost(WAIT).until(() -> get("clash") == null && get("other") == null);
    assertThat(role("made-by-a-human").assumeRolePolicyDocument()).isNotNull();
    assertThat(role("owned-by-another").assumeRolePolicyDocument()).isNotNull();
  }

  @Test
  void invalidPrincipalWhileIamPropagatesIsAWaitNotAFailure() {
    String justCreated = "arn:aws:iam::" + TRUSTED_ACCOUNT + ":role/just-created";
    operator.faults.iamError(
        "CreateRole",
        400,
        "MalformedPolicyDocument",
        "Invalid principal in policy: \"AWS\":\"" + justCreated + "\"",
        Duration.ofSeconds(4));
    CrossAccountRole resource = resource("fresh-principal", Access.Read, List.of());
    resource.getSpec().setTrustedPrincipals(List.of(TrustedPrincipal.role(justCreated)));
    apply(resource);

    CrossAccountRole waiting = awaitReconciling("fresh-principal", "WaitingForIAMPropagation");
    assertThat(waiting.getStatus().getIamPropagationWaitStarted()).isNotNull();
    CrossAccountRole ready = awaitReady("fresh-principal");
    assertThat(ready.getStatus().getIamPropagationWaitStarted()).isNull();

    // The same when a principal is added to an existing role.
    String another = "arn:aws:iam::" + TRUSTED_ACCOUNT + ":role/another-new-one";
    operator.faults.iamError(
        "UpdateAssumeRolePolicy",
        400,
        "MalformedPolicyDocument",
        "Invalid principal in policy: \"AWS\":\"" + another + "\"",
        Duration.ofSeconds(4));
    resource
        .getSpec()
        .setTrustedPrincipals(
            List.of(TrustedPrincipal.role(justCreated), TrustedPrincipal.role(another)));
    apply(resource);
    awaitReconciling("fresh-principal", "WaitingForIAMPropagation");
    awaitReady("fresh-principal");
    assertThat(role(ready.getStatus().getRoleName()).assumeRolePolicyDocument())
        .contains("another-new-one");
  }

  @Test
  void externalIdFromTheTenantsSecret() throws Exception {
    // A tenant's own Secret: Stalled until it exists, then its value is required.
    CrossAccountRole fromSecret = resource("tenant-secret", Access.Read, List.of());
    fromSecret.getSpec().setExternalId(ExternalIdSpec.fromSecret("partner-id", "id"));
    apply(fromSecret);
    awaitStalled("tenant-secret", "ExternalIdSecretNotFound");
    operator
        .client
        .secrets()
        .inNamespace(operator.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("partner-id")
                .endMetadata()
                .addToStringData("id", "partner-chosen-id-42")
                .build())
        .create();
    String roleName = awaitReady("tenant-secret").getStatus().getRoleName();
    assertThat(decoded(role(roleName).assumeRolePolicyDocument()).toString())
        .contains("partner-chosen-id-42");
  }

  @Test
  void managedPolicyAttachedOutOfBandIsDetached() {
    apply(resource("attached", Access.Read, List.of()));
    String roleName = awaitReady("attached").getStatus().getRoleName();
    var iam = owner.admin.iam();
    // moto has no AWS managed policies unless told to load them: a local one stands in for
    // AdministratorAccess, with the same effect on whoever assumes the role.
    String local =
        iam.createPolicy(
                b ->
                    b.policyName("xrole-admin-by-hand")
                        .policyDocument(
                            """
                            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                             "Action":"s3:*","Resource":"*"}]}"""))
            .policy()
            .arn();

    iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(local));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        iam.listAttachedRolePolicies(b -> b.roleName(roleName)).attachedPolicies())
                    .isEmpty());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(eventMessages("attached", "ManagedPolicyDetached"))
                    .anySatisfy(m -> assertThat(m).contains(local)));
    awaitReady("attached");
    // The policies themselves are not ours: detached from our role, never deleted.
    assertThat(iam.getPolicy(b -> b.policyArn(local)).policy().arn()).isEqualTo(local);
  }

  /**
   * Steady-state cost, measured: AWS calls per role per resync, on a handful of roles. Each role is
   * resynced once per period, so the periods elapsed count the role-resyncs.
   */
  @Test
  void steadyStateResyncCostPerRole() {
    List<String> names = List.of("cost-a", "cost-b", "cost-c", "cost-d", "cost-e");
    names.forEach(name -> apply(resource(name, Access.Read, List.of())));
    names.forEach(CrossAccountRoleLifecycleIT::awaitReady);

    operator.calls.reset();
    long started = System.nanoTime();
    // Four resync periods in which nothing may be written, then count what was read.
    await()
        .during(RESYNC.multipliedBy(4))
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.calls.mutating()).isZero());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    int roleResyncs = (int) (names.size() * elapsed.toMillis() / RESYNC.toMillis());
    int all = operator.calls.total();
    // The grants' bucket encryption (for the kms: statements) and the granted bucket's posture
    // are read per bucket, not per role: counted apart. Both read GetBucketEncryption.
    int encryptionReads = operator.calls.count("GetBucketEncryption");
    int posture =
        POSTURE_READS.stream().mapToInt(operation -> operator.calls.count(operation)).sum();
    // The AwsAccount's own checks (STS) are not the roles' cost.
    int iam =
        all
            - posture
            - operator.calls.count("GetCallerIdentity")
            - operator.calls.count("AssumeRole");
    double perRolePerResync = (double) iam / roleResyncs;
    int bucketReads = operator.calls.count("GetBucketAcl");
    System.out.printf(
        "steady state: %d IAM calls (%d with STS and posture) for %d role-resyncs = %.2f IAM"
            + " calls per role per resync; %d posture calls in %d reads of the one granted"
            + " bucket; %d encryption reads in %d ms%n",
        iam,
        all,
        roleResyncs,
        perRolePerResync,
        posture,
        bucketReads,
        encryptionReads,
        elapsed.toMillis());
    assertThat(operator.calls.count("GetAccountAuthorizationDetails")).isGreaterThanOrEqualTo(2);
    assertThat(operator.calls.mutating()).isZero();
    // The account's roles are read in bulk once per period, not each role on its own; what is
    // left is the direct reads of roles of the other tests here that are not ours.
    assertThat(perRolePerResync).isLessThan(1.0);
    // Five roles on one bucket: its posture is read about twice per resync period, not per role.
    assertThat(bucketReads).isLessThan(roleResyncs);
    // The kms: statements and the posture each read the bucket's encryption at most once per half
    // resync period, however many roles grant on the bucket.
    assertThat(encryptionReads)
        .isLessThanOrEqualTo(2 * ((int) (elapsed.toMillis() / RESYNC.dividedBy(2).toMillis()) + 1));
    names.forEach(name -> operator.client.resource(get(name)).delete());
    await().atMost(WAIT).until(() -> names.stream().allMatch(name -> get(name) == null));
  }

  @Test
  void roleCreatedBeforeThePathExistedIsStillManagedWhereItIs() throws Exception {
    CrossAccountRole resource = resource("legacy", Access.Read, List.of());
    String roleName = CrossAccountRoleModel.roleName(resource);
    // As an earlier version created it: under "/", with our ownership tags.
    owner
        .admin
        .iam()
        .createRole(
            b ->
                b.roleName(roleName)
                    .path("/")
                    .assumeRolePolicyDocument(
                        """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                         "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                         "Action":"sts:AssumeRole"}]}""")
                    .tags(
                        Tag.builder()
                            .key("s3share.io/managed-by")
                            .value("s3-share-operator-" + INSTALLATION)
                            .build(),
                        Tag.builder()
                            .key("s3share.io/owner")
                            .value(operator.namespace() + "/legacy")
                            .build()));
    String roleId = role(roleName).roleId();

    apply(resource);
    CrossAccountRole ready = awaitReady("legacy");
    assertThat(ready.getStatus().getRoleArn())
        .isEqualTo("arn:aws:iam::" + OWNER_ACCOUNT + ":role/" + roleName);
    assertThat(role(roleName).roleId()).isEqualTo(roleId);
    assertThat(inlinePolicyNames(roleName)).containsExactly("s3share-grants");
    assertThat(decoded(role(roleName).assumeRolePolicyDocument()).toString())
        .contains("sts:ExternalId");

    operator.client.resource(get("legacy")).delete();
    await().atMost(WAIT).until(() -> get("legacy") == null);
    assertThatThrownBy(() -> role(roleName)).isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void grantsOverIamsSizeLimitStallBeforeAnythingIsCreated() {
    CrossAccountRole huge = resource("huge", Access.ReadWrite, List.of());
    List<RoleGrant> grants = new java.util.ArrayList<>();
    for (String bucket : List.of("xrole-huge-a", "xrole-huge-b", "xrole-huge-c")) {
      List<String> prefixes = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        prefixes.add("a-rather-long-prefix-name-to-fill-the-policy-quickly/" + i + "/");
      }
      grants.add(RoleGrant.of(bucket, Access.ReadWrite, prefixes));
    }
    huge.getSpec().setGrants(grants);
    apply(huge);

    CrossAccountRole stalled = awaitStalled("huge", "PolicyTooLarge");
    assertThat(stalled.getStatus().getInlinePolicy().getUsedChars()).isGreaterThan(10240);
    assertThat(readyCondition(stalled).getMessage()).contains("split the grants");
    assertThatThrownBy(() -> role(stalled.getStatus().getRoleName()))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void roleNameAndAccountCannotChangeOnceCreated() {
    apply(resource("pinned", Access.List, List.of()));

    CrossAccountRole renamed = resource("pinned", Access.List, List.of());
    renamed.getSpec().setRoleName("another-name");
    assertThatThrownBy(() -> apply(renamed))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getStatus().getMessage()).contains("roleName is immutable"));
    CrossAccountRole moved = resource("pinned", Access.List, List.of());
    moved.getSpec().setAccountRef("another-account");
    assertThatThrownBy(() -> apply(moved))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getStatus().getMessage()).contains("accountRef is immutable"));
  }

  @Test
  void theExampleIsAcceptedAsWritten() throws Exception {
    CrossAccountRole example =
        Serialization.unmarshal(
            Files.readString(Path.of("..", "examples", "cross-account-role.yaml")),
            CrossAccountRole.class);
    example.getMetadata().setNamespace(operator.namespace());

    CrossAccountRole dryRun = operator.client.resource(example).dryRun().create();

    assertThat(dryRun.getSpec().getExternalId().getGenerate()).isTrue();
    assertThat(dryRun.getSpec().getAccountRef()).isEqualTo("owner");
  }

  // ---- helpers ----

  static List<String> eventMessages(String name, String reason) {
    return operator
        .client
        .v1()
        .events()
        .inNamespace(operator.namespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .map(e -> e.getMessage())
        .toList();
  }

  /** The read-only calls of a bucket's posture (docs/posture.md). */
  static final List<String> POSTURE_READS =
      List.of(
          "GetBucketOwnershipControls",
          "GetPublicAccessBlock",
          "GetBucketAcl",
          "GetBucketPolicy",
          "GetBucketEncryption",
          "GetBucketLogging",
          "ListObjectsV2",
          "GetObjectAcl",
          "DescribeTrails",
          "GetEventSelectors");

  static CrossAccountRole resource(String name, Access access, List<String> prefixes) {
    CrossAccountRole resource = new CrossAccountRole();
    resource.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(TRUSTED_ACCOUNT)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(
        new java.util.ArrayList<>(List.of(RoleGrant.of("xrole-reports", access, prefixes))));
    resource.setSpec(spec);
    return resource;
  }

  static void apply(CrossAccountRole resource) {
    operator.client.resource(resource).serverSideApply();
  }

  static CrossAccountRole get(String name) {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  static CrossAccountRole awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              CrossAccountRole resource = get(name);
              assertThat(summary(resource, Conditions.READY)).isEqualTo("True/RoleReady");
              assertThat(resource.getStatus().getObservedGeneration())
                  .isEqualTo(resource.getMetadata().getGeneration());
            });
    return get(name);
  }

  static CrossAccountRole awaitStalled(String name, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(summary(get(name), Conditions.STALLED)).isEqualTo("True/" + reason);
              assertThat(summary(get(name), Conditions.READY)).isEqualTo("False/" + reason);
            });
    return get(name);
  }

  static CrossAccountRole awaitReconciling(String name, String reason) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(summary(get(name), Conditions.RECONCILING)).isEqualTo("True/" + reason));
    return get(name);
  }

  static String summary(CrossAccountRole resource, String type) {
    return resource == null || resource.getStatus() == null
        ? "none"
        : Conditions.find(resource.getStatus().getConditions(), type)
            .map(c -> c.getStatus() + "/" + c.getReason())
            .orElse("none");
  }

  static Condition readyCondition(CrossAccountRole resource) {
    return Conditions.find(resource.getStatus().getConditions(), Conditions.READY).orElseThrow();
  }

  static String externalIdIn(String secretName) {
    Secret secret =
        operator.client.secrets().inNamespace(operator.namespace()).withName(secretName).get();
    assertThat(secret).as("Secret %s", secretName).isNotNull();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("externalId")), StandardCharsets.UTF_8);
  }

  static Role role(String name) {
    return owner.admin.iam().getRole(b -> b.roleName(name)).role();
  }

  static List<String> inlinePolicyNames(String roleName) {
    return owner.admin.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames();
  }

  static String inlinePolicy(String roleName) {
    return owner
        .admin
        .iam()
        .getRolePolicy(b -> b.roleName(roleName).policyName("s3share-grants"))
        .policyDocument();
  }

  static Map<String, String> tags(Role role) {
    return role.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  static JsonNode decoded(String document) throws Exception {
    return JSON.readTree(PolicyEquivalence.urlDecodeIfNeeded(document));
  }

  static Credentials assumeFromTrustedAccount(String roleArn, String externalId) {
    try (AwsClientFactory trusted =
            new AwsClientFactory(
                MotoAccounts.fakeCredentials(), List.of(new MotoAccountHeader(TRUSTED_ACCOUNT)));
        AccountClients inTrusted = trusted.clientsFor(MotoAccounts.direct(moto, TRUSTED_ACCOUNT))) {
      assertThat(inTrusted.sts().getCallerIdentity().account()).isEqualTo(TRUSTED_ACCOUNT);
      var assumed =
          inTrusted
              .sts()
              .assumeRole(
                  b -> b.roleArn(roleArn).roleSessionName("partner").externalId(externalId));
      // An assumed-role ARN names the role without its path, as in AWS.
      String account = roleArn.split(":")[4];
      String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
      assertThat(assumed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + name + "/partner");
      return assumed.credentials();
    }
  }
}
