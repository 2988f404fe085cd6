package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.PutKeyPolicyRequest;

/** {@link KeyPolicyPort} over the SDK's KMS client. */
public final class KmsKeyPolicies implements KeyPolicyPort {

  /** A key has exactly one policy, and this is its name. */
  static final String POLICY_NAME = "default";

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
                kms.getKeyPolicy(b -> b.keyId(keyArn).policyName(POLICY_NAME)).policy());
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public void write(String keyArn, String policy) {
    AwsCall.exec(account, "kms:PutKeyPolicy", keyArn, () -> kms.putKeyPolicy(put(keyArn, policy)));
  }

  static PutKeyPolicyRequest put(String keyArn, String policy) {
    return PutKeyPolicyRequest.builder()
        .keyId(keyArn)
        .policyName(POLICY_NAME)
        .policy(policy)
        // Sent explicitly, never true: if a write would lock the key out, KMS must refuse it.
        .bypassPolicyLockoutSafetyCheck(false)
        .build();
  }

  /**
   * Whether KMS refused a policy as malformed: for documents the operator builds, a principal that
   * does not exist (or not yet, while IAM propagates a new role).
   */
  public static boolean refusesPrincipal(AwsCallException e) {
    return e.getCause() instanceof MalformedPolicyDocumentException;
  }
}
