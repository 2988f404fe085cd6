package io.s3share.operator.sharingpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.guardrail.Guardrail;
import io.s3share.operator.guardrail.Rule;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A BucketShare's via decides which SharingPolicy methods it needs: all of them. */
class GuardrailRequestsTest {

  static final Map<String, String> TENANT = Map.of("tenant", "team-a");

  @Test
  void autoNeedsBothBucketPolicyAndAccessPointAndSaysToChooseViaExplicitly() {
    BucketShare auto = share(ShareVia.Auto);

    assertThat(
            Guardrail.violations(
                rule(SharingMethod.BucketPolicy), GuardrailRequests.of(auto, Instant.EPOCH)))
        .containsExactly(
            "via Auto may grant through AccessPoint or BucketPolicy, so methods must allow both,"
                + " but AccessPoint is not in [BucketPolicy]: set via: BucketPolicy explicitly");
    assertThat(
            Guardrail.violations(
                rule(SharingMethod.AccessPoint), GuardrailRequests.of(auto, Instant.EPOCH)))
        .containsExactly(
            "via Auto may grant through AccessPoint or BucketPolicy, so methods must allow both,"
                + " but BucketPolicy is not in [AccessPoint]: set via: AccessPoint explicitly");
    assertThat(
            Guardrail.violations(
                rule(SharingMethod.CrossAccountRole), GuardrailRequests.of(auto, Instant.EPOCH)))
        .containsExactly(
            "via Auto may grant through AccessPoint or BucketPolicy, so methods must allow both,"
                + " but neither is in [CrossAccountRole]");
    assertThat(
            Guardrail.violations(
                rule(SharingMethod.BucketPolicy, SharingMethod.AccessPoint),
                GuardrailRequests.of(auto, Instant.EPOCH)))
        .isEmpty();
  }

  @Test
  void accessPointNeedsAccessPoint() {
    BucketShare accessPoint = share(ShareVia.AccessPoint);

    assertThat(
            Guardrail.violations(
                rule(SharingMethod.BucketPolicy), GuardrailRequests.of(accessPoint, Instant.EPOCH)))
        .containsExactly("method AccessPoint is not in [BucketPolicy]");
    assertThat(
            Guardrail.violations(
                rule(SharingMethod.AccessPoint), GuardrailRequests.of(accessPoint, Instant.EPOCH)))
        .isEmpty();
  }

  @Test
  void bucketPolicyAndAnUnsetViaNeedBucketPolicy() {
    BucketShare unset = share(ShareVia.BucketPolicy);
    unset.getSpec().setVia(null);

    for (BucketShare share : List.of(share(ShareVia.BucketPolicy), unset)) {
      assertThat(
              Guardrail.violations(
                  rule(SharingMethod.AccessPoint), GuardrailRequests.of(share, Instant.EPOCH)))
          .containsExactly("method BucketPolicy is not in [AccessPoint]");
      assertThat(
              Guardrail.violations(
                  rule(SharingMethod.BucketPolicy), GuardrailRequests.of(share, Instant.EPOCH)))
          .isEmpty();
    }
  }

  static BucketShare share(ShareVia via) {
    BucketShare share =
        Shares.share(
            "team-a",
            "reports",
            "owner",
            "team-a-data",
            Access.Read,
            List.of(Consumer.account("222222222222")),
            List.of("reports/"));
    share.getSpec().setVia(via);
    return share;
  }

  static Rule rule(SharingMethod... methods) {
    return GuardrailRequests.ruleOf(
        SharingPolicies.policy(
            "team-a",
            TENANT,
            "owner",
            List.of("team-a-*"),
            List.of("222222222222"),
            List.of(),
            Access.Read,
            List.of(methods)));
  }
}
