package io.s3share.operator.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** maxDuration and reviewEvery: how SharingPolicies limit access in time. */
class GuardrailTimeLimitsTest {

  static final Map<String, String> TEAM_A = Map.of("tenant", "team-a");

  static Rule rule(String name, Optional<Duration> max, Optional<ReviewRequirement> review) {
    return new Rule(
        name,
        Selector.everything(),
        Set.of("owner"),
        List.of(new BucketPattern("team-a-*")),
        Optional.empty(),
        Set.of("222222222222"),
        Set.of(),
        Access.Read,
        Set.of(SharingMethod.BucketPolicy),
        true,
        true,
        max,
        review);
  }

  static Request share(Optional<Duration> lifetime) {
    return new Request(
        "BucketShare team-a/s",
        "team-a",
        "owner",
        Set.of(SharingMethod.BucketPolicy),
        List.of(new Request.Part("team-a-data", List.of(), Access.Read)),
        List.of(Request.Principal.account("222222222222")),
        true,
        true,
        lifetime);
  }

  @Test
  void maxDurationRequiresAnExpiryAndSaysTheMaximum() {
    Rule thirtyDays = rule("short", Optional.of(Duration.ofDays(30)), Optional.empty());

    Decision unset = Guardrail.decide(share(Optional.empty()), TEAM_A, List.of(thirtyDays));
    assertThat(unset.allowed()).isFalse();
    assertThat(unset.message())
        .contains("SharingPolicy short: spec.expiresAt must be set, at most 30d from now");

    Decision tooLong =
        Guardrail.decide(
            share(Optional.of(Duration.ofDays(31).plusHours(2))), TEAM_A, List.of(thirtyDays));
    assertThat(tooLong.allowed()).isFalse();
    assertThat(tooLong.message())
        .contains("spec.expiresAt is 31d 2h from now, beyond maxDuration 30d")
        .contains("set it at most 30d from now");

    assertThat(
            Guardrail.decide(share(Optional.of(Duration.ofDays(30))), TEAM_A, List.of(thirtyDays))
                .allowed())
        .isTrue();
    // Already past: within any maximum; the expiry itself removes the grants.
    assertThat(
            Guardrail.decide(share(Optional.of(Duration.ofDays(-1))), TEAM_A, List.of(thirtyDays))
                .allowed())
        .isTrue();
  }

  @Test
  void aPolicyWithoutMaxDurationStillAllowsWhatAnotherLimits() {
    Decision d =
        Guardrail.decide(
            share(Optional.empty()),
            TEAM_A,
            List.of(
                rule("short", Optional.of(Duration.ofDays(1)), Optional.empty()),
                rule("open", Optional.empty(), Optional.empty())));
    assertThat(d.allowedBy()).containsExactly("open");
  }

  @Test
  void theMostLenientAllowingPolicyDecidesTheReview() {
    ReviewRequirement monthlyRevoke = new ReviewRequirement("monthly", Duration.ofDays(30), true);
    ReviewRequirement quarterlyRevoke =
        new ReviewRequirement("quarterly", Duration.ofDays(90), true);
    ReviewRequirement quarterlyReport =
        new ReviewRequirement("quarterly-report", Duration.ofDays(90), false);

    assertThat(
            Guardrail.decide(
                    share(Optional.empty()),
                    TEAM_A,
                    List.of(rule("m", Optional.empty(), Optional.of(monthlyRevoke))))
                .review())
        .contains(monthlyRevoke);
    assertThat(
            Guardrail.decide(
                    share(Optional.empty()),
                    TEAM_A,
                    List.of(
                        rule("m", Optional.empty(), Optional.of(monthlyRevoke)),
                        rule("q", Optional.empty(), Optional.of(quarterlyRevoke)),
                        rule("r", Optional.empty(), Optional.of(quarterlyReport))))
                .review())
        .contains(quarterlyReport);
    assertThat(
            Guardrail.decide(
                    share(Optional.empty()),
                    TEAM_A,
                    List.of(
                        rule("m", Optional.empty(), Optional.of(monthlyRevoke)),
                        rule("none", Optional.empty(), Optional.empty())))
                .review())
        .isEmpty();
  }

  @Test
  void aDeniedRequestCarriesNoReview() {
    Rule reviewed =
        rule(
            "short",
            Optional.of(Duration.ofDays(1)),
            Optional.of(new ReviewRequirement("short", Duration.ofDays(1), true)));
    Decision d = Guardrail.decide(share(Optional.empty()), TEAM_A, List.of(reviewed));
    assertThat(d.allowed()).isFalse();
    assertThat(d.review()).isEmpty();
  }

  @Test
  void durationsReadAsDaysHoursMinutesSeconds() {
    assertThat(Durations.describe(Duration.ofDays(90))).isEqualTo("90d");
    assertThat(Durations.describe(Duration.parse("P1DT2H3M4.9S"))).isEqualTo("1d 2h 3m 4s");
    assertThat(Durations.describe(Duration.ofMillis(300))).isEqualTo("0s");
    assertThat(Durations.describe(Duration.ofMinutes(-90))).isEqualTo("-1h 30m");
  }
}
