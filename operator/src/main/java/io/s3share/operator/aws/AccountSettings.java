package io.s3share.operator.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Everything needed to build clients for one AWS account.
 *
 * @param accountId the 12-digit account id the clients act in
 * @param region the Region of the account's buckets
 * @param assumeRole the role to assume from the base credentials, if any
 * @param endpoints endpoint overrides, for emulators; {@link EndpointOverrides#none()} for AWS
 */
public record AccountSettings(
    String accountId, Region region, Optional<AssumeRole> assumeRole, EndpointOverrides endpoints) {

  public static final String DEFAULT_SESSION_NAME = "s3-share-operator";

  public AccountSettings {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(assumeRole, "assumeRole");
    Objects.requireNonNull(endpoints, "endpoints");
  }

  /** A role assumed with STS AssumeRole, optionally presenting an ExternalId. */
  public record AssumeRole(String roleArn, Optional<String> externalId, String sessionName) {
    public AssumeRole {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(sessionName, "sessionName");
    }
  }
}
