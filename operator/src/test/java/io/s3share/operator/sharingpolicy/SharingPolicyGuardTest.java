package io.s3share.operator.sharingpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.config.SharingPolicyMode;
import io.s3share.operator.testing.LogCapture;
import io.s3share.operator.testing.SharingPolicies;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every reconcile of every resource asks the guard for the rules: a SharingPolicy that cannot be
 * read is worth one WARN per version, not one per reconcile. The API server's schema refuses such a
 * policy, so only one stored under an older schema gets here; it is built directly for that.
 */
class SharingPolicyGuardTest {

  final SharingPolicyGuard<BucketShare> guard = new SharingPolicyGuard<>(SharingPolicyMode.Enforce);
  final LogCapture lines = LogCapture.of(SharingPolicyGuard.class);

  @AfterEach
  void stopCapture() {
    lines.close();
  }

  @Test
  void anInvalidPolicyIsLeftOutAndReportedOncePerGeneration() {
    SharingPolicy invalid = policy("broken", "team-a*", 1L);
    SharingPolicy valid = policy("fine", "team-a-*", 1L);

    for (int reconcile = 0; reconcile < 5; reconcile++) {
      assertThat(guard.rulesOf(Stream.of(invalid, valid)))
          .extracting(rule -> rule.name())
          .containsExactly("fine");
    }
    assertThat(warnings()).hasSize(1).allSatisfy(w -> assertThat(w).contains("broken"));

    // Changed and still invalid: said again, once.
    SharingPolicy edited = policy("broken", "team-b*", 2L);
    guard.rulesOf(Stream.of(edited, valid));
    guard.rulesOf(Stream.of(edited, valid));
    assertThat(warnings()).hasSize(2);
  }

  private List<String> warnings() {
    return lines.messages(Level.WARN, e -> e.getFormattedMessage().startsWith("SharingPolicy"));
  }

  private static SharingPolicy policy(String name, String bucket, long generation) {
    SharingPolicy policy =
        SharingPolicies.policy(
            name,
            Map.of("team", "a"),
            "owner",
            List.of(bucket),
            List.of("222222222222"),
            List.of(),
            Access.Read,
            List.of(SharingMethod.BucketPolicy));
    policy.getMetadata().setUid("uid-" + name);
    policy.getMetadata().setGeneration(generation);
    return policy;
  }
}
