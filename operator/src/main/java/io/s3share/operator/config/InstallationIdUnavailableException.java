package io.s3share.operator.config;

/** No installation id was set and none could be derived from the cluster; start-up stops. */
public final class InstallationIdUnavailableException extends RuntimeException {

  InstallationIdUnavailableException(String cause, Throwable error) {
    super(
        "S3SHARE_INSTALLATION_ID is not set and the operator "
            + cause
            + ", whose UID gives the default installation id. Either grant the operator's"
            + " ServiceAccount get on the namespace "
            + ClusterInstallationId.NAMESPACE
            + " (the Helm chart does), or set S3SHARE_INSTALLATION_ID to 1-16 lowercase letters or"
            + " digits (an existing installation that ran with the old default keeps its"
            + " statements with S3SHARE_INSTALLATION_ID=default).",
        error);
  }
}
