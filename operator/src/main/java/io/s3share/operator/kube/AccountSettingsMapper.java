package io.s3share.operator.kube;

import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.operator.aws.AccountSettings;
import io.s3share.operator.aws.EndpointOverrides;
import io.s3share.operator.aws.Regions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/** Turns an AwsAccount spec into client settings; pure. */
final class AccountSettingsMapper {

  private AccountSettingsMapper() {}

  static AccountSettings toSettings(AwsAccountSpec spec, Optional<String> externalId) {
    Optional<AccountSettings.AssumeRole> assumeRole =
        Optional.ofNullable(spec.getAssumeRole())
            .map(
                role ->
                    new AccountSettings.AssumeRole(
                        role.getRoleArn(),
                        externalId,
                        Optional.ofNullable(role.getSessionName())
                            .orElse(AccountSettings.DEFAULT_SESSION_NAME)));
    checkRegion(spec);
    return new AccountSettings(
        spec.getAccountId(),
        Region.of(spec.getRegion()),
        assumeRole,
        endpoints(spec.getEndpoints()));
  }

  /**
   * The CRD checks only the form of a Region; this checks it against the SDK's list, which the API
   * server cannot read. An endpoint override would otherwise make a typo look Ready.
   */
  private static void checkRegion(AwsAccountSpec spec) {
    if (!Boolean.TRUE.equals(spec.getAllowUnknownRegion())) {
      Regions.problem(spec.getRegion(), "spec.allowUnknownRegion")
          .ifPresent(
              message -> {
                throw new StalledException("UnknownRegion", message);
              });
    }
    if (spec.getAssumeRole() == null) {
      return;
    }
    String rolePartition = spec.getAssumeRole().getRoleArn().split(":")[1];
    Regions.partition(spec.getRegion())
        .filter(partition -> !partition.equals(rolePartition))
        .ifPresent(
            partition -> {
              throw new StalledException(
                  "PartitionMismatch",
                  "Region "
                      + spec.getRegion()
                      + " is in partition "
                      + partition
                      + " but assumeRole.roleArn is in partition "
                      + rolePartition
                      + ": a role can only be assumed within its partition. Fix spec.region or"
                      + " spec.assumeRole.roleArn.");
            });
  }

  private static EndpointOverrides endpoints(EndpointsSpec spec) {
    if (spec == null) {
      return EndpointOverrides.none();
    }
    Optional<URI> all = uri("url", spec.getUrl());
    return new EndpointOverrides(
        uri("s3", spec.getS3()).or(() -> all),
        uri("s3Control", spec.getS3Control()).or(() -> all),
        uri("iam", spec.getIam()).or(() -> all),
        uri("sts", spec.getSts()).or(() -> all),
        uri("kms", spec.getKms()).or(() -> all),
        uri("cloudTrail", spec.getCloudTrail()).or(() -> all));
  }

  private static Optional<URI> uri(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(value));
    } catch (URISyntaxException e) {
      throw new StalledException(
          "InvalidSpec", "spec.endpoints." + field + " is not a valid URL: " + e.getMessage());
    }
  }
}
