package io.s3share.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallMetricsTest {

  @Test
  void aFailureIsCountedUnderAwssErrorCode() {
    AwsServiceException throttled =
        AwsServiceException.builder()
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build())
            .statusCode(400)
            .build();
    assertThat(AwsCallMetrics.errorCode(throttled)).isEqualTo("Throttling");
  }

  @Test
  void aCallThatGotNoAnswerIsCountedUnderItsExceptionClass() {
    assertThat(AwsCallMetrics.errorCode(SdkClientException.create("connection refused")))
        .isEqualTo("SdkClientException");
  }
}
