package io.s3share.testenv;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Tells moto which account a request acts in. Test set-up only: the operator itself reaches an
 * account by assuming a role there, exactly as against AWS.
 */
public final class MotoAccountHeader implements ExecutionInterceptor {

  private final String accountId;

  public MotoAccountHeader(String accountId) {
    this.accountId = accountId;
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    return context.httpRequest().toBuilder().putHeader("x-moto-account-id", accountId).build();
  }
}
