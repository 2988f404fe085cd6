package io.s3share.operator.aws;

import java.net.URI;
import java.util.Optional;

/** Per-service endpoint overrides; empty means the SDK's own endpoint resolution. */
public record EndpointOverrides(
    Optional<URI> s3,
    Optional<URI> s3Control,
    Optional<URI> iam,
    Optional<URI> sts,
    Optional<URI> kms,
    Optional<URI> cloudTrail) {

  /** Overrides for every service but CloudTrail. */
  public EndpointOverrides(
      Optional<URI> s3,
      Optional<URI> s3Control,
      Optional<URI> iam,
      Optional<URI> sts,
      Optional<URI> kms) {
    this(s3, s3Control, iam, sts, kms, Optional.empty());
  }

  /** Real AWS: no overrides. */
  public static EndpointOverrides none() {
    return new EndpointOverrides(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Every service at one URL, as emulators such as moto serve them. */
  public static EndpointOverrides allAt(URI endpoint) {
    Optional<URI> at = Optional.of(endpoint);
    return new EndpointOverrides(at, at, at, at, at, at);
  }
}
