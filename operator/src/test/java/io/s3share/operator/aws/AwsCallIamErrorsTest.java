package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.model.IamException;

/** IAM's error codes become the reasons CrossAccountRole status reports. */
class AwsCallIamErrorsTest {

  @Test
  void invalidPrincipalIsARetryableWaitForPropagation() {
    AwsCallException e =
        failure(400, "MalformedPolicyDocument", "Invalid principal in policy: \"AWS\":\"arn\"");

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.reason()).isEqualTo("WaitingForIAMPropagation");
    assertThat(e.getMessage()).contains("Invalid principal in policy").contains("my-role");
  }

  @Test
  void otherMalformedDocumentsAreTerminal() {
    AwsCallException e = failure(400, "MalformedPolicyDocument", "Syntax errors in policy.");

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.reason()).isEqualTo("PolicyRejected");
  }

  @Test
  void deleteConflictSaysWhatToDetach() {
    AwsCallException e =
        failure(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.reason()).isEqualTo("DeleteConflict");
    assertThat(e.getMessage()).contains("detach");
  }

  @Test
  void concurrentCreateOrDeleteIsRetried() {
    assertThat(failure(404, "NoSuchEntity", "Role x not found").isRetryable()).isTrue();
    assertThat(failure(409, "EntityAlreadyExists", "Role exists").isRetryable()).isTrue();
  }

  @Test
  void unrelatedCodesKeepTheirOldClassification() {
    assertThat(failure(403, "AccessDenied", "no").reason()).isEqualTo("AccessDenied");
    assertThat(failure(400, "LimitExceeded", "too many").reason()).isEqualTo("AwsRequestRejected");
  }

  private static AwsCallException failure(int status, String code, String message) {
    IamException iam =
        (IamException)
            IamException.builder()
                .statusCode(status)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Iam")
                        .build())
                .build();
    try {
      AwsCall.exec(
          "111111111111",
          "iam:UpdateAssumeRolePolicy",
          "my-role",
          () -> {
            throw iam;
          });
    } catch (AwsCallException e) {
      return e;
    }
    throw new AssertionError("AwsCall did not throw");
  }
}
