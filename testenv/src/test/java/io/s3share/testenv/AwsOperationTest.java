package io.s3share.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsOperationTest {

  static final URI ROOT = URI.create("/");
  static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void jsonProtocolRequestsAreNamedByTheirTarget() {
    AwsOperation trails =
        AwsOperation.of(
            "POST",
            ROOT,
            JSON,
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails");
    AwsOperation keyPolicy = AwsOperation.of("POST", ROOT, JSON, "TrentService.PutKeyPolicy");

    assertThat(trails.name()).isEqualTo("DescribeTrails");
    assertThat(trails.mutating()).as("a read, though it is a POST").isFalse();
    assertThat(keyPolicy.name()).isEqualTo("PutKeyPolicy");
    assertThat(keyPolicy.mutating()).isTrue();
  }

  @Test
  void queryAndRestRequestsKeepTheirNames() {
    byte[] form = "Action=GetRole&RoleName=reader".getBytes(StandardCharsets.UTF_8);
    assertThat(AwsOperation.of("POST", ROOT, form, null).name())
        .isEqualTo("GetRole RoleName=reader");
    assertThat(AwsOperation.of("POST", ROOT, form, null).mutating()).isFalse();
    AwsOperation policy = AwsOperation.of("PUT", URI.create("/bucket?policy"), new byte[0], null);
    assertThat(policy.name()).isEqualTo("PUT /bucket?policy");
    assertThat(policy.mutating()).isTrue();
  }
}
