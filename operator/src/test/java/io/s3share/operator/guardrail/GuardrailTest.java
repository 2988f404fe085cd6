package io.s3share.operator.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailTest {

  static final Map<String, String> TEAM_A = Map.of("tenant", "team-a");

  static Rule teamA() {
    return new Rule(
        "team-a",
        new Selector(Map.of("tenant", "team-a"), List.of()),
        Set.of("owner"),
        List.of(new BucketPattern("team-a-*")),
        Optional.empty(),
        Set.of("222222222222"),
        Set.of("o-abcdefghij"),
        Access.Read,
        Set.of(SharingMethod.BucketPolicy),
        true,
        true);
  }

  static Request share(String bucket, Access access, Request.Principal... consumers) {
    return new Request(
        "BucketShare team-a/s",
        "team-a",
        "owner",
        Set.of(SharingMethod.BucketPolicy),
        List.of(new Request.Part(bucket, List.of("reports/"), access)),
        List.of(consumers),
        true,
        true);
  }

  @Test
  void allowsWhatOnePolicyAllowsEntirely() {
    Decision d =
        Guardrail.decide(
            share("team-a-data", Access.Read, Request.Principal.organization("o-abcdefghij")),
            TEAM_A,
            List.of(teamA()));
    assertThat(d.allowed()).isTrue();
    assertThat(d.allowedBy()).containsExactly("team-a");
  }

  @Test
  void deniesByDefaultWhenNoPolicySelectsTheNamespace() {
    Decision d =
        Guardrail.decide(
            share("team-a-data", Access.Read, Request.Principal.account("222222222222")),
            Map.of("tenant", "team-b"),
            List.of(teamA()));
    assertThat(d.allowed()).isFalse();
    assertThat(d.message()).contains("No SharingPolicy selects namespace team-a");
    assertThat(Guardrail.decide(share("x-y-z", Access.List), TEAM_A, List.of()).allowed())
        .isFalse();
  }

  @Test
  void namesEveryViolationAndThePolicyConsidered() {
    Decision d =
        Guardrail.decide(
            share(
                "team-b-data",
                Access.ReadWrite,
                Request.Principal.account("333333333333"),
                Request.Principal.role("arn:aws:iam::222222222222:role/reader")),
            TEAM_A,
            List.of(teamA()));
    assertThat(d.allowed()).isFalse();
    assertThat(d.considered()).containsExactly("team-a");
    assertThat(d.message())
        .contains("bucket team-b-data matches none of [team-a-*]")
        .contains("access ReadWrite exceeds maxAccess Read")
        .contains("account 333333333333 is not an allowed consumer")
        .doesNotContain("role arn:aws:iam::222222222222:role/reader is not");
  }

  @Test
  void oneFullyAllowingPolicyIsNeededPartsAreNotCombinedAcrossPolicies() {
    Rule onlyBucketA =
        new Rule(
            "a",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("team-a-*")),
            Optional.empty(),
            Set.of("222222222222"),
            Set.of(),
            Access.List,
            Set.of(SharingMethod.BucketPolicy),
            true,
            true);
    Rule onlyRead =
        new Rule(
            "b",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("other")),
            Optional.empty(),
            Set.of("222222222222"),
            Set.of(),
            Access.Read,
            Set.of(SharingMethod.BucketPolicy),
            true,
            true);
    assertThat(
            Guardrail.decide(
                    share("team-a-data", Access.Read, Request.Principal.account("222222222222")),
                    TEAM_A,
                    List.of(onlyBucketA, onlyRead))
                .allowed())
        .isFalse();
  }

  @Test
  void accessLevelsFormAPartialOrder() {
    assertThat(Guardrail.covers(Access.ReadWrite, Access.Write)).isTrue();
    assertThat(Guardrail.covers(Access.Read, Access.List)).isTrue();
    assertThat(Guardrail.covers(Access.Read, Access.Write)).isFalse();
    assertThat(Guardrail.covers(Access.Write, Access.Read)).isFalse();
    assertThat(Guardrail.covers(Access.Write, Access.List)).isFalse();
    assertThat(Guardrail.covers(Access.List, Access.Read)).isFalse();
  }

  @Test
  void prefixesMustStartWithAnAllowedOneAndWholeBucketNeedsNoRestriction() {
    Rule reportsOnly =
        new Rule(
            "p",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("b-*")),
            Optional.of(List.of("reports/")),
            Set.of("222222222222"),
            Set.of(),
            Access.Read,
            Set.of(SharingMethod.BucketPolicy),
            false,
            false);
    Request under = share("b-1", Access.Read, Request.Principal.account("222222222222"));
    assertThat(Guardrail.violations(reportsOnly, under)).isEmpty();
    Request whole =
        new Request(
            "w",
            "ns",
            "owner",
            Set.of(SharingMethod.BucketPolicy),
            List.of(new Request.Part("b-1", List.of(), Access.Read)),
            List.of(Request.Principal.account("222222222222")),
            true,
            true);
    assertThat(Guardrail.violations(reportsOnly, whole))
        .singleElement()
        .asString()
        .contains("shared whole");
    Request outside =
        new Request(
            "o",
            "ns",
            "owner",
            Set.of(SharingMethod.BucketPolicy),
            List.of(new Request.Part("b-1", List.of("reportsx", "reports/2024/"), Access.Read)),
            List.of(Request.Principal.account("222222222222")),
            true,
            true);
    assertThat(Guardrail.violations(reportsOnly, outside))
        .singleElement()
        .asString()
        .contains("prefix reportsx");
  }

  @Test
  void crossAccountRolesMustRequireAnExternalIdWhenThePolicySaysSo() {
    Rule roles =
        new Rule(
            "r",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("b")),
            Optional.empty(),
            Set.of("222222222222"),
            Set.of(),
            Access.Read,
            Set.of(SharingMethod.CrossAccountRole),
            true,
            true);
    Request noId =
        new Request(
            "CrossAccountRole ns/r",
            "ns",
            "owner",
            Set.of(SharingMethod.CrossAccountRole),
            List.of(new Request.Part("b", List.of(), Access.Read)),
            List.of(Request.Principal.account("222222222222")),
            true,
            false);
    assertThat(Guardrail.violations(roles, noId))
        .containsExactly("the trust policy must require an ExternalId");
    assertThat(Guardrail.violations(roles, share("b", Access.Read)))
        .containsExactly("method BucketPolicy is not in [CrossAccountRole]");
  }

  @Test
  void everyMethodARequestMayUseMustBeAllowed() {
    Rule both =
        new Rule(
            "both",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("b")),
            Optional.empty(),
            Set.of("222222222222"),
            Set.of(),
            Access.Read,
            Set.of(SharingMethod.BucketPolicy, SharingMethod.AccessPoint),
            true,
            true);
    Rule accessPointsOnly =
        new Rule(
            "ap",
            Selector.everything(),
            Set.of("owner"),
            List.of(new BucketPattern("b")),
            Optional.empty(),
            Set.of("222222222222"),
            Set.of(),
            Access.Read,
            Set.of(SharingMethod.AccessPoint),
            true,
            true);
    Request auto =
        new Request(
            "BucketShare ns/auto",
            "ns",
            "owner",
            Set.of(SharingMethod.AccessPoint, SharingMethod.BucketPolicy),
            List.of(new Request.Part("b", List.of(), Access.Read)),
            List.of(Request.Principal.account("222222222222")),
            true,
            true);
    assertThat(Guardrail.violations(both, auto)).isEmpty();
    assertThat(Guardrail.violations(accessPointsOnly, auto))
        .containsExactly(
            "via Auto may grant through AccessPoint or BucketPolicy, so methods must allow both,"
                + " but BucketPolicy is not in [AccessPoint]: set via: AccessPoint explicitly");
    assertThat(Guardrail.decide(auto, Map.of(), List.of(accessPointsOnly)).message())
        .contains("SharingPolicy ap: via Auto may grant through AccessPoint or BucketPolicy");
    assertThat(Guardrail.violations(accessPointsOnly, share("b", Access.Read)))
        .containsExactly("method BucketPolicy is not in [AccessPoint]");
    assertThatThrownBy(
            () ->
                new Request(
                    "BucketShare ns/none",
                    "ns",
                    "owner",
                    Set.of(),
                    List.of(),
                    List.of(),
                    true,
                    true))
        .hasMessageContaining("names no sharing method");
  }

  @Test
  void starIsAWholeSegmentWildcard() {
    BucketPattern teamA = new BucketPattern("team-a-*");
    assertThat(teamA.matches("team-a-data")).isTrue();
    assertThat(teamA.matches("team-a-raw.logs")).isTrue();
    assertThat(teamA.matches("team-ab")).isFalse();
    assertThat(teamA.matches("team-a")).isFalse();
    assertThat(teamA.matches("team-a-")).isFalse();
    assertThat(teamA.matches("xteam-a-data")).isFalse();
    assertThat(new BucketPattern("logs.*.example").matches("logs.eu-1.example")).isTrue();
    assertThat(new BucketPattern("a.b").matches("axb")).isFalse();
    assertThatThrownBy(() -> new BucketPattern("team-a*")).hasMessageContaining("whole segment");
  }

  @Test
  void selectorsSupportEveryOperator() {
    Map<String, String> labels = Map.of("tenant", "a", "tier", "gold");
    assertThat(Selector.everything().matches(Map.of())).isTrue();
    assertThat(sel("tenant", "In", "a", "b").matches(labels)).isTrue();
    assertThat(sel("tenant", "NotIn", "a").matches(labels)).isFalse();
    assertThat(sel("tier", "Exists").matches(labels)).isTrue();
    assertThat(sel("tier", "DoesNotExist").matches(labels)).isFalse();
    assertThat(sel("tier", "Bogus").matches(labels)).isFalse();
  }

  private static Selector sel(String key, String op, String... values) {
    return new Selector(Map.of(), List.of(new Selector.Expression(key, op, Set.of(values))));
  }
}
