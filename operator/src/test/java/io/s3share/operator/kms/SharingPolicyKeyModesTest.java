package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.testing.SharingPolicies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharingPolicyKeyModesTest {

  static final BucketKey DATA = new BucketKey("111122223333", "team-a-data");

  static SharingPolicy policy(String name, String account, String bucket, KeyPolicyManagement m) {
    SharingPolicy policy =
        SharingPolicies.policy(
            name,
            Map.of(),
            account,
            List.of(bucket),
            List.of("222233334444"),
            List.of(),
            Access.Read,
            List.of(SharingMethod.BucketPolicy));
    policy.getSpec().setKeyPolicy(m);
    return policy;
  }

  static KeyPolicyManagement modeFor(List<SharingPolicy> policies) {
    return new SharingPolicyKeyModes(
            policies::stream,
            name -> name.equals("prod") ? Optional.of("111122223333") : Optional.empty())
        .modeFor(DATA);
  }

  @Test
  void manageWhenNothingSaysOtherwise() {
    assertThat(modeFor(List.of())).isEqualTo(KeyPolicyManagement.Manage);
    assertThat(modeFor(List.of(policy("p", "prod", "team-a-*", KeyPolicyManagement.Manage))))
        .isEqualTo(KeyPolicyManagement.Manage);
  }

  @Test
  void reportWinsWhenAPolicyCoveringTheBucketAsksForIt() {
    assertThat(
            modeFor(
                List.of(
                    policy("manage", "prod", "team-a-*", KeyPolicyManagement.Manage),
                    policy("report", "prod", "team-a-data", KeyPolicyManagement.Report))))
        .isEqualTo(KeyPolicyManagement.Report);
  }

  @Test
  void reportOnOtherBucketsOrAccountsDoesNotApply() {
    assertThat(
            modeFor(
                List.of(
                    policy("other-bucket", "prod", "team-b-*", KeyPolicyManagement.Report),
                    policy("other-account", "staging", "team-a-*", KeyPolicyManagement.Report))))
        .isEqualTo(KeyPolicyManagement.Manage);
  }

  @Test
  void aBucketsSharedBucketDecidesOverTheSharingPolicies() {
    KeyPolicyModes policies =
        new SharingPolicyKeyModes(
            List.of(policy("reporting", "prod", "team-a-*", KeyPolicyManagement.Report))::stream,
            name -> name.equals("prod") ? Optional.of("111122223333") : Optional.empty());
    KeyPolicyModes layered =
        policies.unlessDeclared(
            bucket ->
                bucket.equals(DATA) ? Optional.of(KeyPolicyManagement.Manage) : Optional.empty());

    assertThat(layered.modeFor(DATA)).isEqualTo(KeyPolicyManagement.Manage);
    assertThat(layered.modeFor(new BucketKey("111122223333", "team-a-logs")))
        .as("no SharedBucket declares it: the SharingPolicy's Report holds")
        .isEqualTo(KeyPolicyManagement.Report);
  }
}
