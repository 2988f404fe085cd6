package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AssumeRoleSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Resolves an AwsAccount to SDK clients acting in it, reading its ExternalId Secret if any. */
public final class AccountResolver {

  private final KubernetesClient client;
  private final AccountDirectory directory;

  public AccountResolver(KubernetesClient client, AccountDirectory directory) {
    this.client = client;
    this.directory = directory;
  }

  /** Clients for {@code account}; throws {@link StalledException} when its Secret is missing. */
  public AccountClients clientsFor(AwsAccount account) {
    Optional<String> externalId = externalId(account.getSpec().getAssumeRole());
    return directory.clientsFor(
        account.getMetadata().getName(),
        AccountSettingsMapper.toSettings(account.getSpec(), externalId));
  }

  /** Forgets the cached clients of a deleted account. */
  public void forget(String accountName) {
    directory.forget(accountName);
  }

  private Optional<String> externalId(AssumeRoleSpec role) {
    if (role == null || role.getExternalIdSecretRef() == null) {
      return Optional.empty();
    }
    SecretKeyRef ref = role.getExternalIdSecretRef();
    Secret secret = client.secrets().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
    String where = "Secret " + ref.getNamespace() + "/" + ref.getName();
    if (secret == null) {
      throw new StalledException(
          "ExternalIdSecretNotFound",
          where + " named in spec.assumeRole.externalIdSecretRef does not exist. Create it.");
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(ref.getKey());
    if (encoded == null) {
      throw new StalledException(
          "ExternalIdSecretNotFound",
          where + " has no key " + ref.getKey() + ". Add it, or fix externalIdSecretRef.key.");
    }
    return Optional.of(
        new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim());
  }
}
