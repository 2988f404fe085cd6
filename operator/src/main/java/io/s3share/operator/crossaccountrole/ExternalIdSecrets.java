package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.InvalidShareException;
import io.s3share.operator.policy.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ExternalId of a CrossAccountRole: read from the tenant's Secret, or generated once and
 * kept in a Secret the resource owns (garbage-collected with it). The value never reaches status or
 * logs.
 */
public final class ExternalIdSecrets {

  public static final String GENERATED_KEY = "externalId";
  public static final String LABEL = "s3share.io/external-id-for";
  static final String SUFFIX = "-external-id";
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int GENERATED_LENGTH = 32;

  private final KubernetesClient client;
  private final SecureRandom random = new SecureRandom();

  public ExternalIdSecrets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param value the ExternalId, empty when the spec asks for none
   * @param ref where it is kept, for status
   * @param generated true when a new value was generated during this call
   */
  public record Resolved(Optional<String> value, Optional<SecretKeyRef> ref, boolean generated) {
    static Resolved none() {
      return new Resolved(Optional.empty(), Optional.empty(), false);
    }
  }

  public Resolved resolve(CrossAccountRole role) {
    ExternalIdSpec spec = role.getSpec().getExternalId();
    if (spec != null && spec.getSecretRef() != null) {
      return fromTenantSecret(role, spec.getSecretRef());
    }
    if (spec != null && Boolean.TRUE.equals(spec.getGenerate())) {
      return generated(role);
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
    return new Resolved(
        Optional.of(value), Optional.of(keyRef(ref.getName(), ref.getKey())), false);
  }

  private Resolved generated(CrossAccountRole role) {
    String namespace = role.getMetadata().getNamespace();
    String name = generatedSecretName(role);
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing != null && !ownedBy(existing, role) && leftByEarlierIncarnation(existing, role)) {
      // Deleted and re-created before the garbage collector removed the Secret: same namespace
      // and name, so the same tenant; keep the value the trusted account already has.
      existing = adopt(existing, role);
    }
    if (existing != null && !ownedBy(existing, role)) {
      throw new StalledException(
          "ExternalIdSecretConflict",
          "Secret "
              + namespace
              + "/"
              + name
              + " exists but was not generated for this CrossAccountRole. Rename or delete it,"
              + " or use spec.externalId.secretRef to point at it.");
    }
    Optional<String> stored =
        Optional.ofNullable(existing)
            .flatMap(secret -> valueOf(secret, GENERATED_KEY))
            .filter(ExternalIdSecrets::isValid);
    if (stored.isPresent()) {
      return new Resolved(stored, Optional.of(keyRef(name, GENERATED_KEY)), false);
    }
    String value = newValue();
    Secret secret = secret(role, namespace, name, value);
    if (existing == null) {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } else {
      client.secrets().inNamespace(namespace).resource(secret).update();
    }
    return new Resolved(Optional.of(value), Optional.of(keyRef(name, GENERATED_KEY)), true);
  }

  private Secret secret(CrossAccountRole role, String namespace, String name, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(
            Map.of(
                LABEL,
                role.getMetadata().getName(),
                "app.kubernetes.io/managed-by",
                "s3-share-operator"))
        .withOwnerReferences(ownerReference(role))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(
                GENERATED_KEY,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  private static boolean leftByEarlierIncarnation(Secret secret, CrossAccountRole role) {
    String name = role.getMetadata().getName();
    var owners = secret.getMetadata().getOwnerReferences();
    return name.equals(secret.getMetadata().getLabels().get(LABEL))
        && !owners.isEmpty()
        && owners.stream()
            .allMatch(ref -> role.getKind().equals(ref.getKind()) && name.equals(ref.getName()));
  }

  private Secret adopt(Secret secret, CrossAccountRole role) {
    Secret adopted =
        new SecretBuilder(secret)
            .editMetadata()
            .withOwnerReferences(ownerReference(role))
            .endMetadata()
            .build();
    return client
        .secrets()
        .inNamespace(secret.getMetadata().getNamespace())
        .resource(adopted)
        .update();
  }

  private static OwnerReference ownerReference(CrossAccountRole role) {
    return new OwnerReferenceBuilder()
        .withApiVersion(role.getApiVersion())
        .withKind(role.getKind())
        .withName(role.getMetadata().getName())
        .withUid(role.getMetadata().getUid())
        .withController(true)
        .build();
  }

  private String newValue() {
    StringBuilder value = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }

  private static boolean ownedBy(Secret secret, CrossAccountRole role) {
    return secret.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> role.getMetadata().getUid().equals(ref.getUid()));
  }

  private static Optional<String> valueOf(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(
          new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
              .trim());
    }
    return Optional.ofNullable(secret.getStringData()).map(data -> data.get(key));
  }

  private static boolean isValid(String value) {
    try {
      TrustPolicy.requireValidExternalId(value);
      return true;
    } catch (InvalidShareException e) {
      return false;
    }
  }

  private static SecretKeyRef keyRef(String name, String key) {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName(name);
    ref.setKey(key);
    return ref;
  }
}
