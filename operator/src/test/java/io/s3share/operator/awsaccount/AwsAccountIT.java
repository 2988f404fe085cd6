package io.s3share.operator.awsaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An AwsAccount is Ready only when the operator really acts in that account. */
@ExtendWith(MotoExtension.class)
class AwsAccountIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("accounts", Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  @AfterEach
  void noMoreFaults() {
    operator.faults.clear();
  }

  @AfterAll
  static void removeAccounts() {
    ClusterScoped.remove(
        operator.client,
        AwsAccount.class,
        "accounts-reachable",
        "accounts-mismatch",
        "accounts-no-secret",
        "accounts-unknown-region",
        "accounts-denied");
  }

  @Test
  void accountReachedThroughItsRoleIsReadyWithTheCallerArn(MotoServer moto) {
    try (OwnerAccount owner =
        OwnerAccount.create(operator.client, moto, "accounts-reachable", "666666666666")) {
      AwsAccount account = get(owner.name);

      assertThat(account.getStatus().getCallerArn())
          .isEqualTo("arn:aws:sts::666666666666:assumed-role/s3-share-operator/s3-share-operator");
      assertThat(ready(account).getReason()).isEqualTo("Reachable");
      assertThat(account.getStatus().getObservedGeneration()).isEqualTo(1L);
    }
  }

  @Test
  void credentialsActingInAnotherAccountAreStalledAccountMismatch(MotoServer moto) {
    AwsAccount account = OwnerAccount.resource("accounts-mismatch", "555555555555", moto);
    account.getSpec().setAssumeRole(null); // the base identity acts in moto's default account

    operator.client.resource(account).serverSideApply();

    Condition stalled = awaitStalled("accounts-mismatch", "AccountMismatch");
    assertThat(stalled.getMessage())
        .contains(MotoAccounts.MOTO_DEFAULT_ACCOUNT)
        .contains("not 555555555555");
  }

  @Test
  void missingExternalIdSecretIsStalled(MotoServer moto) {
    AwsAccount account = OwnerAccount.resource("accounts-no-secret", "777777777777", moto);
    SecretKeyRef ref = new SecretKeyRef();
    ref.setNamespace("default");
    ref.setName("missing-external-id");
    ref.setKey("id");
    account.getSpec().getAssumeRole().setExternalIdSecretRef(ref);

    operator.client.resource(account).serverSideApply();

    Condition stalled = awaitStalled("accounts-no-secret", "ExternalIdSecretNotFound");
    assertThat(stalled.getMessage()).contains("default/missing-external-id");
  }

  @Test
  void unknownRegionIsStalledEvenWithAnEndpointOverride(MotoServer moto) {
    AwsAccount account = OwnerAccount.resource("accounts-unknown-region", "444444444444", moto);
    account.getSpec().setRegion("us-east-99");

    operator.client.resource(account).serverSideApply();

    Condition stalled = awaitStalled("accounts-unknown-region", "UnknownRegion");
    assertThat(stalled.getMessage())
        .contains("us-east-99")
        .contains("us-east-1")
        .contains("allowUnknownRegion");

    // The explicit override, for a Region newer than the operator's SDK.
    account.getSpec().setAllowUnknownRegion(true);
    operator.client.resource(account).serverSideApply();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        Conditions.find(
                                conditions(get("accounts-unknown-region")), Conditions.READY)
                            .map(c -> c.getStatus() + "/" + c.getReason()))
                    .hasValue("True/Reachable"));
  }

  @Test
  void deniedAssumeRoleIsStalledAccessDeniedNamingStsAssumeRole(MotoServer moto) {
    operator.faults.iamError(
        "AssumeRole",
        403,
        "AccessDenied",
        "not authorized to perform sts:AssumeRole",
        Duration.ofMinutes(5));

    operator
        .client
        .resource(OwnerAccount.resource("accounts-denied", "888888888888", moto))
        .serverSideApply();

    Condition stalled = awaitStalled("accounts-denied", "AccessDenied");
    assertThat(stalled.getMessage()).contains("sts:AssumeRole").contains("888888888888");
  }

  private static Condition awaitStalled(String name, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        Conditions.find(conditions(get(name)), Conditions.STALLED)
                            .map(Condition::getReason))
                    .hasValue(reason));
    assertThat(ready(get(name)).getStatus()).isEqualTo("False");
    return Conditions.find(conditions(get(name)), Conditions.STALLED).orElseThrow();
  }

  private static Condition ready(AwsAccount account) {
    return Conditions.find(conditions(account), Conditions.READY).orElseThrow();
  }

  private static java.util.List<Condition> conditions(AwsAccount account) {
    return account.getStatus() == null ? null : account.getStatus().getConditions();
  }

  private static AwsAccount get(String name) {
    return operator.client.resources(AwsAccount.class).withName(name).get();
  }
}
