package io.s3share.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a subcommand connects: the kubeconfig context and the operator installation. */
public final class ConnectionOptions {

  @Option(
      names = "--context",
      description = "kubeconfig context to use (default: the current context)")
  String context;

  @Option(
      names = "--installation-id",
      description =
          "the operator installation whose statements count as managed (default:"
              + " $S3SHARE_INSTALLATION_ID, else derived from the cluster like the operator does)")
  String installationId;

  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public Optional<String> installationId() {
    return Optional.ofNullable(installationId);
  }
}
