package io.s3share.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountDirectory;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.ClusterInstallationId;
import io.s3share.operator.kube.AccountResolver;
import java.util.Optional;

/**
 * What one command run reads from: the cluster, and AWS reached exactly as the operator reaches it
 * (each AwsAccount's role and endpoint overrides, through the operator's own resolver).
 */
public final class Session implements AutoCloseable {

  private final KubernetesClient kube;
  private final AwsClientFactory aws;
  private final AccountDirectory accounts;
  private final AccountResolver resolver;
  private final String installationId;

  /** The session owns {@code aws} and closes it; the caller keeps {@code kube}. */
  public Session(KubernetesClient kube, AwsClientFactory aws, Optional<String> installationId) {
    this.kube = kube;
    this.aws = aws;
    this.accounts = new AccountDirectory(aws);
    this.resolver = new AccountResolver(kube, accounts);
    // The same rule as the operator: the explicit id, else this cluster's own.
    this.installationId =
        installationId.orElseGet(() -> ClusterInstallationId.resolve(System.getenv(), kube));
  }

  public KubernetesClient kube() {
    return kube;
  }

  public String installationId() {
    return installationId;
  }

  /** SDK clients acting in the account, cached for the run. */
  public AccountClients clientsFor(AwsAccount account) {
    return resolver.clientsFor(account);
  }

  @Override
  public void close() {
    accounts.close();
    aws.close();
  }
}
