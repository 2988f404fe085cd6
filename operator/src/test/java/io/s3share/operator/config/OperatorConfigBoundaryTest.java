package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigBoundaryTest {

  @Test
  void boundaryIsOptionalAndReadFromTheEnvironment() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()).permissionsBoundaryArn()).isEmpty();
    assertThat(
            OperatorConfig.fromEnvironment(
                    Map.of(
                        "S3SHARE_PERMISSIONS_BOUNDARY_ARN",
                        " arn:aws:iam::111122223333:policy/tenant-boundary "))
                .permissionsBoundaryArn())
        .contains("arn:aws:iam::111122223333:policy/tenant-boundary");
  }

  @Test
  void aBoundaryThatIsNotAPolicyArnStopsStartUp() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("S3SHARE_PERMISSIONS_BOUNDARY_ARN", "arn:aws:iam::1:role/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S3SHARE_PERMISSIONS_BOUNDARY_ARN");
  }
}
