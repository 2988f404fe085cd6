package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import io.s3share.operator.kube.Annotations;
import io.s3share.operator.kube.StalledException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated ExternalIds, kept in a Secret the CrossAccountRole owns. A value is generated once, and
 * again only on an explicit rotation request: every consumer holds the value, so a Secret that goes
 * missing is reported, never silently replaced.
 */
final class GeneratedExternalIds {

  /** On the Secret: the rotation request its value answers, so that a request rotates once. */
  static final String ROTATION_ANNOTATION = "s3share.io/rotation";

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int LENGTH = 32;

  private final KubernetesClient client;
  private final SecureRandom random = new SecureRandom();

  GeneratedExternalIds(KubernetesClient client) {
    this.client = client;
  }

  ExternalIdSecrets.Resolved resolve(CrossAccountRole role) {
    String namespace = role.getMetadata().getNamespace();
    String name = ExternalIdSecrets.generatedSecretName(role);
    SecretKeyRef ref = ExternalIdSecrets.keyRef(name, ExternalIdSecrets.GENERATED_KEY);
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
    Optional<String> request = rotationRequest(role, existing);
    if (request.isPresent()) {
      String value = write(role, existing, request);
      return new ExternalIdSecrets.Resolved(
          Optional.of(value),
          Optional.of(ref),
          request,
          Optional.of(
              new ExternalIdSecrets.Event(
                  "ExternalIdRotated",
                  "Rotated the ExternalId in Secret "
                      + name
                      + " as asked by "
                      + Annotations.ROTATE_EXTERNAL_ID
                      + "="
                      + request.get()
                      + "; the trust policy now requires the new value. Give it to the trusted"
                      + " account.")));
    }
    Optional<String> stored =
        Optional.ofNullable(existing)
            .flatMap(secret -> ExternalIdSecrets.valueOf(secret, ExternalIdSecrets.GENERATED_KEY))
            .filter(ExternalIdSecrets::isValid);
    if (stored.isPresent()) {
      return new ExternalIdSecrets.Resolved(
          stored,
          Optional.of(ref),
          Optional.ofNullable(existing)
              .map(secret -> annotation(secret, ROTATION_ANNOTATION))
              .filter(Objects::nonNull),
          Optional.empty());
    }
    if (generatedBefore(role, name)) {
      throw missing(role, namespace, name, existing == null);
    }
    String value = write(role, existing, Optional.empty());
    return new ExternalIdSecrets.Resolved(
        Optional.of(value),
        Optional.of(ref),
        Optional.empty(),
        Optional.of(
            new ExternalIdSecrets.Event(
                "ExternalIdGenerated",
                "Generated an ExternalId in Secret "
                    + name
                    + "/"
                    + ExternalIdSecrets.GENERATED_KEY
                    + "; give it to the trusted account.")));
  }

  /** A rotation value not handled yet: neither recorded in status nor answered by the Secret. */
  private static Optional<String> rotationRequest(CrossAccountRole role, Secret existing) {
    Optional<String> requested =
        Annotations.get(role, Annotations.ROTATE_EXTERNAL_ID).filter(v -> !v.isBlank());
    String handled = role.getStatus() == null ? null : role.getStatus().getExternalIdRotation();
    String answered = existing == null ? null : annotation(existing, ROTATION_ANNOTATION);
    return requested.filter(v -> !v.equals(handled) && !v.equals(answered));
  }

  // Status says the role already trusts a value from this Secret: consumers hold that value.
  private static boolean generatedBefore(CrossAccountRole role, String name) {
    SecretKeyRef recorded =
        role.getStatus() == null ? null : role.getStatus().getExternalIdSecretRef();
    return recorded != null && name.equals(recorded.getName());
  }

  private static StalledException missing(
      CrossAccountRole role, String namespace, String name, boolean deleted) {
    String resource = role.getMetadata().getName();
    return new StalledException(
        "ExternalIdSecretMissing",
        "Secret "
            + namespace
            + "/"
            + name
            + (deleted ? " was deleted" : " has no usable key " + ExternalIdSecrets.GENERATED_KEY)
            + ". The role's trust policy is left as it is, so the trusted account's ExternalId"
            + " keeps working. To restore the Secret, create it again with key "
            + ExternalIdSecrets.GENERATED_KEY
            + " set to the value the trusted account uses. To issue a new ExternalId instead"
            + " (the trusted account must then be given it): kubectl annotate crossaccountrole -n "
            + namespace
            + " "
            + resource
            + " --overwrite "
            + Annotations.ROTATE_EXTERNAL_ID
            + "=<a new value, e.g. today's date>");
  }

  private String write(CrossAccountRole role, Secret existing, Optional<String> rotation) {
    String namespace = role.getMetadata().getNamespace();
    String value = newValue();
    Secret secret = secret(role, namespace, ExternalIdSecrets.generatedSecretName(role), value);
    rotation.ifPresent(
        request -> secret.getMetadata().setAnnotations(Map.of(ROTATION_ANNOTATION, request)));
    if (existing == null) {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } else {
      client.secrets().inNamespace(namespace).resource(secret).update();
    }
    return value;
  }

  private static Secret secret(CrossAccountRole role, String namespace, String name, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(
            Map.of(
                ExternalIdSecrets.LABEL,
                role.getMetadata().getName(),
                "app.kubernetes.io/managed-by",
                "s3-share-operator"))
        .withOwnerReferences(ownerReference(role))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(
                ExternalIdSecrets.GENERATED_KEY,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  private static boolean leftByEarlierIncarnation(Secret secret, CrossAccountRole role) {
    String name = role.getMetadata().getName();
    var owners = secret.getMetadata().getOwnerReferences();
    return name.equals(secret.getMetadata().getLabels().get(ExternalIdSecrets.LABEL))
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

  private static boolean ownedBy(Secret secret, CrossAccountRole role) {
    return secret.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> role.getMetadata().getUid().equals(ref.getUid()));
  }

  private static String annotation(Secret secret, String key) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private String newValue() {
    StringBuilder value = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }
}
