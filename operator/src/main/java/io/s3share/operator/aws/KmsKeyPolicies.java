package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** {@link KeyPolicyPort} over the SDK's KMS client. */
public final class KmsKeyPolicies implements KeyPolicyPort {

  private final KmsClient kms;
  private final String account;

  public KmsKeyPolicies(KmsClient kms, String account) {
    this.kms = kms;
    this.account = account;
  }

  @Override
  public Optional<String> read(String keyArn) {
    return AwsCall.run(
        account,
        "kms:GetKeyPolicy",
        keyArn,
        () -> {
          try {
            return Optional.ofNullable(
                kms.getKeyPolicy(b -> b.keyId(keyArn).policyName("default")).policy());
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }
}
