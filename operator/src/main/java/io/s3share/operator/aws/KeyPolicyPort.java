package io.s3share.operator.aws;

import java.util.Optional;

/** The key policies of one account's KMS keys. */
public interface KeyPolicyPort {

  /** The key's {@code default} policy, or empty when the key does not exist. */
  Optional<String> read(String keyArn);

  /**
   * Replaces the key's {@code default} policy; idempotent. Never bypasses KMS's lockout check: a
   * policy that would lock the operator out of the key is refused rather than written.
   */
  void write(String keyArn, String policy);
}
