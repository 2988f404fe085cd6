package io.s3share.operator.awsaccount;

import static io.s3share.operator.testing.BucketPolicies.statements;
import static io.s3share.operator.testing.BucketPolicies.withSidPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An AwsAccount that shares or roles still use is protected the way Kubernetes protects a
 * PersistentVolumeClaim in use: deleting it waits until they are gone, because their own clean-up
 * needs it.
 */
@ExtendWith(MotoExtension.class)
class AwsAccountProtectionIT {

  static final String INSTALLATION = "protect";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create(INSTALLATION, Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @Test
  void anAccountInUseStaysUntilItsLastShareIsGoneAndSaysWhoUsesIt(MotoServer moto) {
    try (OwnerAccount owner =
        OwnerAccount.create(operator.client, moto, "protect-in-use", "131313131313")) {
      owner.createBucket("protect-in-use");
      BucketShare share = share("in-use", owner.name, "protect-in-use", "232323232323");
      awaitShareReady("in-use");

      operator.client.resources(AwsAccount.class).withName(owner.name).delete();

      // It stays, marked for deletion, and names the share that holds it.
      await()
          .during(Duration.ofSeconds(5))
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(account(owner.name))
                      .isNotNull()
                      .satisfies(
                          a -> assertThat(a.getMetadata().getDeletionTimestamp()).isNotNull()));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(ready(account(owner.name)))
                      .hasValueSatisfying(
                          c -> {
                            // In progress, not failed: it waits for the share to go.
                            assertThat(c.getStatus()).isEqualTo("Unknown");
                            assertThat(c.getReason()).isEqualTo("InUse");
                            assertThat(c.getMessage())
                                .contains(operator.namespace() + "/in-use")
                                .contains("1 BucketShare")
                                .contains("s3share.io/abandon-aws-resources");
                          }));
      assertThat(
              Conditions.find(
                  account(owner.name).getStatus().getConditions(), Conditions.RECONCILING))
          .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("InUse"));

      // The share can still clean up through it, and then the account goes.
      operator.client.resource(share).delete();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(shareNamed("in-use")).isNull();
                assertThat(account(owner.name)).isNull();
              });
      assertThat(
              withSidPrefix(
                  statements(owner.admin, "protect-in-use"),
                  new SidNamespace(INSTALLATION).sidPrefix()))
          .isEmpty();
    }
  }

  @Test
  void anUnusedAccountGoesAtOnce(MotoServer moto) {
    try (OwnerAccount owner =
        OwnerAccount.create(operator.client, moto, "protect-unused", "141414141414")) {
      operator.client.resources(AwsAccount.class).withName(owner.name).delete();
      await().atMost(WAIT).untilAsserted(() -> assertThat(account(owner.name)).isNull());
    }
  }

  /**
   * What deleting a namespace does to the shares and roles in it. A bare API server has no
   * namespace controller, so the namespace itself never finishes deleting; this deletes every share
   * and role in it at once, as that controller would, together with the account they use, and
   * checks that all of them go and revoke their grants.
   */
  @Test
  void deletingANamespacesSharesAndRolesTogetherWithTheirAccountFinishes(MotoServer moto) {
    try (OwnerAccount owner =
        OwnerAccount.create(operator.client, moto, "protect-namespace", "151515151515")) {
      owner.createBucket("protect-namespace");
      for (int i = 0; i < 4; i++) {
        share("ns-share-" + i, owner.name, "protect-namespace", "2424242424" + (10 + i));
      }
      CrossAccountRole role = role("ns-role", owner.name, "protect-namespace");
      operator.client.resource(role).serverSideApply();
      for (int i = 0; i < 4; i++) {
        awaitShareReady("ns-share-" + i);
      }
      await().atMost(WAIT).untilAsserted(() -> assertThat(roleReady("ns-role")).isEqualTo("True"));

      operator.client.resources(AwsAccount.class).withName(owner.name).delete();
      operator.client.resources(BucketShare.class).inNamespace(operator.namespace()).delete();
      operator.client.resources(CrossAccountRole.class).inNamespace(operator.namespace()).delete();

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(operator.namespace())
                            .list()
                            .getItems())
                    .isEmpty();
                assertThat(
                        operator
                            .client
                            .resources(CrossAccountRole.class)
                            .inNamespace(operator.namespace())
                            .list()
                            .getItems())
                    .isEmpty();
                assertThat(account(owner.name)).isNull();
              });
      assertThat(
              withSidPrefix(
                  statements(owner.admin, "protect-namespace"),
                  new SidNamespace(INSTALLATION).sidPrefix()))
          .isEmpty();
      assertThat(owner.admin.iam().listRoles().roles())
          .noneSatisfy(
              r -> assertThat(r.roleName()).isEqualTo(CrossAccountRoleModel.roleName(role)));
    }
  }

  private static BucketShare share(String name, String account, String bucket, String consumer) {
    return operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                name,
                account,
                bucket,
                Access.Read,
                List.of(Consumer.account(consumer)),
                List.of(name + "/")))
        .serverSideApply();
  }

  private static CrossAccountRole role(String name, String account, String bucket) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(account);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account("252525252525")));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(bucket, Access.Read, List.of("reports/"))));
    role.setSpec(spec);
    return role;
  }

  private static void awaitShareReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(Shares.ready(shareNamed(name))).startsWith("True/"));
  }

  private static String roleReady(String name) {
    CrossAccountRole role =
        operator
            .client
            .resources(CrossAccountRole.class)
            .inNamespace(operator.namespace())
            .withName(name)
            .get();
    return role == null || role.getStatus() == null
        ? "none"
        : Conditions.find(role.getStatus().getConditions(), Conditions.READY)
            .map(Condition::getStatus)
            .orElse("none");
  }

  private static BucketShare shareNamed(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  private static AwsAccount account(String name) {
    return operator.client.resources(AwsAccount.class).withName(name).get();
  }

  private static java.util.Optional<Condition> ready(AwsAccount account) {
    return account == null || account.getStatus() == null
        ? java.util.Optional.empty()
        : Conditions.find(account.getStatus().getConditions(), Conditions.READY);
  }
}
