package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleStatus;
import io.s3share.operator.aws.AwsCall;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossAccountRoleStatusesTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final AwsCallException INVALID_PRINCIPAL =
      AwsCallException.retryable(
          AwsCall.WAITING_FOR_IAM_PROPAGATION, "IAM does not accept a principal yet", null);

  @Test
  void invalidPrincipalIsPropagationWithinTheBoundThenStalled() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");

    var first = statuses(T0).waiting(role, INVALID_PRINCIPAL);
    assertThat(first.outcome().state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(first.outcome().reason()).isEqualTo("WaitingForIAMPropagation");
    assertThat(first.since()).isEqualTo("2026-01-01T10:00:00Z");

    role.setStatus(waitingSince(first.since(), 1L));
    var later = statuses(T0.plus(Duration.ofMinutes(4))).waiting(role, INVALID_PRINCIPAL);
    assertThat(later.outcome().state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(later.since()).isEqualTo(first.since());

    var tooLate = statuses(T0.plus(Duration.ofMinutes(5))).waiting(role, INVALID_PRINCIPAL);
    assertThat(tooLate.outcome().state()).isEqualTo(Outcome.State.STALLED);
    assertThat(tooLate.outcome().reason()).isEqualTo("InvalidPrincipal");
    assertThat(tooLate.outcome().message()).contains("2026-01-01T10:00:00Z").contains("roleArn");
  }

  @Test
  void aNewGenerationGetsAWaitOfItsOwn() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
    role.setStatus(waitingSince("2026-01-01T09:00:00Z", 1L));
    role.getMetadata().setGeneration(2L);

    var waiting = statuses(T0).waiting(role, INVALID_PRINCIPAL);

    assertThat(waiting.outcome().state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(waiting.since()).isEqualTo("2026-01-01T10:00:00Z");
  }

  @Test
  void statusIsPatchedOnlyWhenItChanges() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
    RoleFacts facts = new RoleFacts();
    facts.roleName = "s3share-team-a-reports";
    facts.roleArn = "arn:aws:iam::111111111111:role/s3share-team-a-reports";
    facts.trustPolicyChars = 200;
    facts.inlinePolicyChars = 500;
    var statuses = statuses(T0);
    Outcome ready = statuses.ready(facts);

    var first = statuses.update(role, ready, facts, Duration.ofMinutes(10));
    assertThat(first.isPatchStatus()).isTrue();
    CrossAccountRoleStatus written = first.getResource().orElseThrow().getStatus();
    assertThat(written.getRoleArn()).isEqualTo(facts.roleArn);
    assertThat(written.getTrustPolicy().getLimitChars()).isEqualTo(2048);
    assertThat(written.getInlinePolicy().getUsedChars()).isEqualTo(500);
    assertThat(written.getIamPropagationWaitStarted()).isNull();

    role.setStatus(written);
    var again =
        statuses(T0.plusSeconds(600)).update(role, ready, new RoleFacts(), Duration.ofMinutes(10));
    assertThat(again.isNoUpdate()).isTrue();
  }

  @Test
  void readyNamesTheManagedPoliciesItDetachedAndStatusKeepsTheRotationHandled() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
    RoleFacts facts = new RoleFacts();
    facts.roleArn = "arn:aws:iam::111111111111:role/s3share/s3share-team-a-reports";
    facts.detachedPolicies = List.of("arn:aws:iam::aws:policy/AdministratorAccess");
    facts.externalIdRotation = "2026-11-30";

    Outcome ready = statuses(T0).ready(facts);
    assertThat(ready.reason()).isEqualTo("RoleReady");
    assertThat(ready.message())
        .contains("Detached managed policies attached out of band")
        .contains("arn:aws:iam::aws:policy/AdministratorAccess");
    CrossAccountRoleStatus written =
        statuses(T0)
            .update(role, ready, facts, Duration.ofMinutes(10))
            .getResource()
            .orElseThrow()
            .getStatus();
    assertThat(written.getExternalIdRotation()).isEqualTo("2026-11-30");

    // A later reconcile that handled no rotation keeps the value, so it never rotates twice.
    role.setStatus(written);
    CrossAccountRoleStatus later =
        statuses(T0)
            .update(role, Outcome.stalled("X", "y"), new RoleFacts(), Duration.ofMinutes(10))
            .getResource()
            .orElseThrow()
            .getStatus();
    assertThat(later.getExternalIdRotation()).isEqualTo("2026-11-30");
    assertThat(statuses(T0).ready(new RoleFacts()).message()).doesNotContain("Detached");
  }

  private static CrossAccountRoleStatuses statuses(Instant now) {
    return new CrossAccountRoleStatuses(
        Clock.fixed(now, ZoneOffset.UTC), CrossAccountRoleStatuses.PROPAGATION_BOUND);
  }

  private static CrossAccountRoleStatus waitingSince(String since, long generation) {
    CrossAccountRoleStatus status = new CrossAccountRoleStatus();
    status.setObservedGeneration(generation);
    status.setIamPropagationWaitStarted(since);
    return status;
  }
}
