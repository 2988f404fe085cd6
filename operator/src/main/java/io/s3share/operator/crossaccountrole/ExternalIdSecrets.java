package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.InvalidShareException;
import io.s3share.operator.policy.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the ExternalId of a CrossAccountRole: read from the tenant's Secret, or generated and kept
 * in a Secret the resource owns (see {@link GeneratedExternalIds}). The value never reaches status
 * or logs.
 */
public final class ExternalIdSecrets {

  public static final String GENERATED_KEY = "externalId";
  public static final String LABEL = "s3share.io/external-id-for";
  static final String SUFFIX = "-external-id";

  private final KubernetesClient client;
  private final GeneratedExternalIds generated;

  public ExternalIdSecrets(KubernetesClient client) {
    this.client = client;
    this.generated = new GeneratedExternalIds(client);
  }

  /** A Kubernetes Event to record about what happened to the ExternalId. */
  public record Event(String reason, String message) {}

  /**
   * @param value the ExternalId, empty when the spec asks for none
   * @param ref where it is kept, for status
   * @param rotation the rotation request handled, for status, when one was
   * @param event what to tell the tenant, when a value was generated or rotated
   */
  public record Resolved(
      Optional<String> value,
      Optional<SecretKeyRef> ref,
      Optional<String> rotation,
      Optional<Event> event) {
    static Resolved none() {
      return new Resolved(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Resolved kept(String value, SecretKeyRef ref) {
      return new Resolved(Optional.of(value), Optional.of(ref), Optional.empty(), Optional.empty());
    }
  }

  public Resolved resolve(CrossAccountRole role) {
    ExternalIdSpec spec = role.getSpec().getExternalId();
    if (spec != null && spec.getSecretRef() != null) {
      return fromTenantSecret(role, spec.getSecretRef());
    }
    if (spec != null && Boolean.TRUE.equals(spec.getGenerate())) {
      return generated.resolve(role);
    }
    return Resolved.none();
  }

  /** {@code <name>-external-id}, shortened with a hash to fit a Secret name. */
  public static String generatedSecretName(CrossAccountRole role) {
    return CrossAccountRoleModel.shortened(
        role.getMetadata().getName() + SUFFIX, 253, CrossAccountRoleModel.owner(role));
  }

  private Resolved fromTenantSecret(CrossAccountRole role, SecretKeyRef ref) {
    // Always the resource's own namespace: a tenant must not make the operator read elsewhere.
    String namespace = role.getMetadata().getNamespace();
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    String where = "Secret " + namespace + "/" + ref.getName();
    if (secret == null) {
      throw new StalledException(
          "ExternalIdSecretNotFound",
          where + " named in spec.externalId.secretRef does not exist. Create it.");
    }
    String value =
        valueOf(secret, ref.getKey())
            .orElseThrow(
                () ->
                    new StalledException(
                        "ExternalIdSecretNotFound",
                        where
                            + " has no key "
                            + ref.getKey()
                            + ". Add it, or fix spec.externalId.secretRef.key."));
    try {
      TrustPolicy.requireValidExternalId(value);
    } catch (InvalidShareException e) {
      throw new StalledException(
          "InvalidExternalId", "The value in " + where + " is not usable: " + e.getMessage());
    }
    return Resolved.kept(value, keyRef(ref.getName(), ref.getKey()));
  }

  static Optional<String> valueOf(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(
          new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
              .trim());
    }
    return Optional.ofNullable(secret.getStringData()).map(data -> data.get(key));
  }

  static boolean isValid(String value) {
    try {
      TrustPolicy.requireValidExternalId(value);
      return true;
    } catch (InvalidShareException e) {
      return false;
    }
  }

  static SecretKeyRef keyRef(String name, String key) {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName(name);
    ref.setKey(key);
    return ref;
  }
}
