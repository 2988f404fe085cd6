package io.s3share.operator.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every S3 request about a bucket that the operator sends without ExpectedBucketOwner: the
 * header that makes S3 refuse a bucket re-created by another account. moto ignores the header, so
 * only this check can show that it is missing.
 */
public final class ExpectedBucketOwnerCheck implements ExecutionInterceptor {

  private final List<String> missing = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!"S3".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
      return;
    }
    Optional<String> bucket = context.request().getValueForField("Bucket", String.class);
    Optional<String> owner =
        context.request().getValueForField("ExpectedBucketOwner", String.class);
    if (bucket.isPresent() && owner.filter(value -> !value.isBlank()).isEmpty()) {
      missing.add(
          attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " on " + bucket.get());
    }
  }

  /** The S3 calls sent without ExpectedBucketOwner so far, as "Operation on bucket". */
  public List<String> missing() {
    return List.copyOf(missing);
  }
}
