package io.s3share.operator.aws;

import java.util.Optional;

/** The account-level Block Public Access settings, which apply to every bucket of the account. */
public interface AccountPublicAccessBlockPort {

  /** The account's four settings, or empty when it has none (all off). */
  Optional<PublicAccessBlockPort.Settings> read();
}
