package io.s3share.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call the operator makes by service, operation and outcome, as the Prometheus
 * counter {@code s3share_aws_calls_total}. One count per SDK execution: the SDK's own retries of a
 * call are not counted again.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {

  public static final String METER = "s3share.aws.calls";
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";

  private final MeterRegistry registry;

  public AwsCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    count(attributes, SUCCESS);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    count(attributes, FAILURE);
  }

  private void count(ExecutionAttributes attributes, String outcome) {
    Counter.builder(METER)
        .description("AWS API calls made by the operator")
        .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
        .tag(
            "operation",
            String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
