package io.s3share.operator.aws;

import java.util.Optional;

/** The key policies of one account's KMS keys; read only. */
public interface KeyPolicyPort {

  /** The key's {@code default} policy, or empty when the key does not exist. */
  Optional<String> read(String keyArn);
}
