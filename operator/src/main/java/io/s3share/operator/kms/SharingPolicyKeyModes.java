package io.s3share.operator.kms;

import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.guardrail.BucketPattern;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The key-policy mode the SharingPolicies covering a bucket ask for: Report as soon as one of them
 * does, since an organisation that manages its key policies elsewhere must never see them written.
 */
public final class SharingPolicyKeyModes implements KeyPolicyModes {

  private final Supplier<Stream<SharingPolicy>> policies;
  private final Function<String, Optional<String>> accountIdOf;

  /**
   * @param policies the SharingPolicies in the cache
   * @param accountIdOf the account id of an AwsAccount, by name: policies name AwsAccounts
   */
  public SharingPolicyKeyModes(
      Supplier<Stream<SharingPolicy>> policies, Function<String, Optional<String>> accountIdOf) {
    this.policies = policies;
    this.accountIdOf = accountIdOf;
  }

  @Override
  public KeyPolicyManagement modeFor(BucketKey bucket) {
    boolean report =
        policies
            .get()
            .filter(policy -> policy.getMetadata().getDeletionTimestamp() == null)
            .filter(policy -> policy.getSpec().getKeyPolicy() == KeyPolicyManagement.Report)
            .anyMatch(policy -> covers(policy, bucket));
    return report ? KeyPolicyManagement.Report : KeyPolicyManagement.Manage;
  }

  private boolean covers(SharingPolicy policy, BucketKey bucket) {
    return policy.getSpec().getAccounts().stream()
            .anyMatch(
                name -> accountIdOf.apply(name).filter(bucket.accountId()::equals).isPresent())
        && policy.getSpec().getBuckets().stream()
            .anyMatch(pattern -> new BucketPattern(pattern).matches(bucket.bucket()));
  }
}
