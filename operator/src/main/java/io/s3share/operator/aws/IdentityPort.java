package io.s3share.operator.aws;

/** Who the operator is in an account (STS GetCallerIdentity). */
public interface IdentityPort {

  /** The caller's account id and ARN. */
  CallerIdentity whoAmI();

  /** The answer of GetCallerIdentity. */
  record CallerIdentity(String account, String arn) {}
}
