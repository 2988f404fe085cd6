package io.s3share.operator.aws;

import software.amazon.awssdk.services.sts.StsClient;

/** {@link IdentityPort} over the SDK's STS client. */
public final class StsIdentity implements IdentityPort {

  private final StsClient sts;
  private final String account;

  public StsIdentity(StsClient sts, String account) {
    this.sts = sts;
    this.account = account;
  }

  @Override
  public CallerIdentity whoAmI() {
    var answer =
        AwsCall.run(account, "sts:GetCallerIdentity", "account " + account, sts::getCallerIdentity);
    return new CallerIdentity(answer.account(), answer.arn());
  }
}
