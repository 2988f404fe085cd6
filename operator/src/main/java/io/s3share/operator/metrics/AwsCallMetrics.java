package io.s3share.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call the operator makes by service, operation, outcome and AWS error code,
 * as the Prometheus counter {@code s3share_aws_calls_total}. One count per SDK execution: the SDK's
 * own retries of a call are not counted again.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {

  public static final String METER = "s3share.aws.calls";
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String NO_ERROR = "none";

  private final MeterRegistry registry;

  public AwsCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    count(attributes, SUCCESS, NO_ERROR);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    count(attributes, FAILURE, errorCode(context.exception()));
  }

  /**
   * AWS's error code (AccessDenied, Throttling, SlowDown, NoSuchBucket...), or the client-side
   * exception's class when no answer came (a timeout, a refused connection).
   */
  static String errorCode(Throwable failure) {
    if (failure instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return failure == null ? "Unknown" : failure.getClass().getSimpleName();
  }

  private void count(ExecutionAttributes attributes, String outcome, String errorCode) {
    Counter.builder(METER)
        .description("AWS API calls made by the operator")
        .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
        .tag(
            "operation",
            String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
        .tag("outcome", outcome)
        .tag("error_code", errorCode)
        .register(registry)
        .increment();
  }
}
