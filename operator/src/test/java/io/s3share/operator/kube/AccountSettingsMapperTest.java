package io.s3share.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.AssumeRoleSpec;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An AwsAccount's Region is checked before any client is built from it. */
class AccountSettingsMapperTest {

  @Test
  void anUnknownRegionIsStalledUnlessExplicitlyAllowed() {
    AwsAccountSpec spec = spec("us-east-99", "arn:aws:iam::111122223333:role/s3share");

    assertThatThrownBy(() -> AccountSettingsMapper.toSettings(spec, Optional.empty()))
        .isInstanceOfSatisfying(
            StalledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("UnknownRegion");
              assertThat(e.getMessage()).contains("us-east-99", "spec.allowUnknownRegion");
            });

    spec.setAllowUnknownRegion(true);
    assertThat(AccountSettingsMapper.toSettings(spec, Optional.empty()).region().id())
        .isEqualTo("us-east-99");
  }

  @Test
  void aRoleInAnotherPartitionThanTheRegionIsStalled() {
    AwsAccountSpec spec = spec("cn-north-1", "arn:aws:iam::111122223333:role/s3share");

    assertThatThrownBy(() -> AccountSettingsMapper.toSettings(spec, Optional.empty()))
        .isInstanceOfSatisfying(
            StalledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("PartitionMismatch");
              assertThat(e.getMessage()).contains("aws-cn").contains("cn-north-1");
            });

    spec.getAssumeRole().setRoleArn("arn:aws-cn:iam::111122223333:role/s3share");
    assertThat(AccountSettingsMapper.toSettings(spec, Optional.empty()).region().id())
        .isEqualTo("cn-north-1");
  }

  private static AwsAccountSpec spec(String region, String roleArn) {
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId("111122223333");
    spec.setRegion(region);
    AssumeRoleSpec role = new AssumeRoleSpec();
    role.setRoleArn(roleArn);
    spec.setAssumeRole(role);
    return spec;
  }
}
