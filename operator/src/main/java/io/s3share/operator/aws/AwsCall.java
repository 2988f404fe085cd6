package io.s3share.operator.aws;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one SDK call and turns its failure into an {@link AwsCallException} that names the account,
 * the call and the IAM action, so that status can say exactly what to fix.
 */
public final class AwsCall {

  private static final Set<String> THROTTLING =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "SlowDown",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "OperationAborted",
          "ServiceUnavailable",
          "InternalError");

  /** Reason of a refused CreateAccessPoint when the account has all the access points it may. */
  public static final String ACCESS_POINT_LIMIT_REACHED = "AccessPointLimitReached";

  // Not confirmed against AWS, which does not document the code; each plausible one is mapped.
  private static final Set<String> ACCESS_POINT_QUOTA =
      Set.of("TooManyAccessPoints", "AccessPointLimitExceeded", "LimitExceededException");

  /** Reason of the retryable failure IAM gives while a new principal propagates. */
  public static final String WAITING_FOR_IAM_PROPAGATION = "WaitingForIAMPropagation";

  private AwsCall() {}

  /**
   * @param account the account the call acts in
   * @param iamAction the IAM action the call needs, e.g. {@code s3:PutBucketPolicy}
   * @param target what the call is about, e.g. the bucket name
   */
  public static <T> T run(String account, String iamAction, String target, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw classify(account, iamAction, target, e);
    }
  }

  /** Same as {@link #run} for calls without a useful result. */
  public static void exec(String account, String iamAction, String target, Runnable call) {
    run(
        account,
        iamAction,
        target,
        () -> {
          call.run();
          return null;
        });
  }

  static AwsCallException classify(
      String account, String iamAction, String target, SdkException failure) {
    if (failure instanceof AwsServiceException service) {
      return classifyService(account, iamAction, target, service);
    }
    if (failure instanceof SdkClientException) {
      return AwsCallException.retryable(
          "AwsUnreachable",
          "Could not reach AWS for "
              + iamAction
              + " in account "
              + account
              + ": "
              + failure.getMessage()
              + ". Retrying with backoff.",
          failure);
    }
    return AwsCallException.retryable("AwsError", failure.getMessage(), failure);
  }

  private static AwsCallException classifyService(
      String account, String iamAction, String target, AwsServiceException e) {
    String code = errorCode(e);
    int status = e.statusCode();
    if (THROTTLING.contains(code) || status == 429 || status >= 500) {
      return AwsCallException.retryable(
          "AwsThrottled",
          "AWS answered "
              + (code.isEmpty() ? String.valueOf(status) : code)
              + " to "
              + iamAction
              + " on "
              + target
              + " in account "
              + account
              + " even after the SDK's retries; retrying with backoff.",
          e);
    }
    String service = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().serviceName();
    if (isStsFailureDuringOtherCall(service, iamAction)) {
      // The credentials provider assumes the account's role lazily, inside the first call.
      iamAction = "sts:AssumeRole";
    }
    if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code) || status == 403) {
      return AwsCallException.accessDenied(
          "The operator's identity in account "
              + account
              + " is not allowed "
              + iamAction
              + " on "
              + target
              + ". Grant "
              + iamAction
              + " to the operator's role (see docs/operator-iam-policy.json).",
          e,
          iamAction);
    }
    if (ACCESS_POINT_QUOTA.contains(code)) {
      return AwsCallException.terminal(
          ACCESS_POINT_LIMIT_REACHED,
          "AWS refused to create access point "
              + target
              + " in account "
              + account
              + ": the account has reached its quota of access points in this Region (10,000 by"
              + " default). Delete unused access points, ask AWS to raise the quota, or use via:"
              + " BucketPolicy.",
          e);
    }
    if ("NoSuchBucket".equals(code)) {
      return AwsCallException.terminal(
          "BucketNotFound",
          "Bucket "
              + target
              + " does not exist in account "
              + account
              + ". Create it, or fix spec.bucket.name / spec.bucket.accountRef.",
          e);
    }
    if ("MalformedPolicy".equals(code)) {
      return AwsCallException.terminal(
          "PolicyRejected",
          "AWS rejected the policy for " + target + ": " + e.awsErrorDetails().errorMessage(),
          e);
    }
    AwsCallException iamFailure = classifyIam(account, iamAction, target, code, e);
    if (iamFailure != null) {
      return iamFailure;
    }
    return AwsCallException.terminal(
        "AwsRequestRejected",
        "AWS rejected "
            + iamAction
            + " on "
            + target
            + " in account "
            + account
            + ": "
            + code
            + " "
            + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage()),
        e);
  }

  /** IAM's own error codes; null when the code is not one of them. */
  private static AwsCallException classifyIam(
      String account, String iamAction, String target, String code, AwsServiceException e) {
    String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
    message = message == null ? "" : message;
    switch (code) {
      case "MalformedPolicyDocument":
        if (message.contains("Invalid principal")) {
          // IAM does not know a principal yet: typical for a role created moments ago.
          return AwsCallException.retryable(
              WAITING_FOR_IAM_PROPAGATION,
              "IAM does not accept a principal in the policy of "
                  + target
                  + " yet ("
                  + message
                  + "). A role created moments ago takes a while to propagate; retrying.",
              e);
        }
        return AwsCallException.terminal(
            "PolicyRejected", "IAM rejected the policy for " + target + ": " + message, e);
      case "DeleteConflict":
        return AwsCallException.terminal(
            "DeleteConflict",
            "IAM refused "
                + iamAction
                + " on "
                + target
                + " in account "
                + account
                + ": "
                + message
                + ". Something the operator did not attach (a managed policy or an instance"
                + " profile) is still on it: detach it.",
            e);
      case "NoSuchEntity", "EntityAlreadyExists", "ConcurrentModification":
        // Someone else created or deleted it between our read and our write: read again.
        return AwsCallException.retryable(
            "IamConcurrentChange",
            "IAM answered " + code + " to " + iamAction + " on " + target + ": " + message,
            e);
      default:
        return null;
    }
  }

  /** The AWS error code of a service failure; empty when AWS sent none. */
  public static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  private static boolean isStsFailureDuringOtherCall(String service, String iamAction) {
    // GetCallerIdentity itself cannot be denied, so a denial there is the AssumeRole before it.
    return service != null
        && service.equalsIgnoreCase("Sts")
        && (!iamAction.startsWith("sts:") || iamAction.equals("sts:GetCallerIdentity"));
  }
}
