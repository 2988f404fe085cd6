package io.s3share.operator.config;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The installation id of a cluster whose operator is not given one: a short hash of the UID of its
 * {@code kube-system} namespace, which every cluster has and no two clusters share. A fixed default
 * would let two clusters that share a bucket own, and remove, each other's statements.
 */
public final class ClusterInstallationId {

  public static final String ENV = "S3SHARE_INSTALLATION_ID";
  public static final String NAMESPACE = "kube-system";
  private static final int LENGTH = 12;

  private ClusterInstallationId() {}

  /**
   * The id from {@code S3SHARE_INSTALLATION_ID} when set, otherwise this cluster's own.
   *
   * @throws InstallationIdUnavailableException when no id is set and kube-system cannot be read
   */
  public static String resolve(Map<String, String> env, KubernetesClient client) {
    return OperatorConfig.fromEnvironment(env, () -> of(client)).installationId();
  }

  /**
   * This cluster's own id, from the UID of its kube-system namespace.
   *
   * @throws InstallationIdUnavailableException when kube-system cannot be read
   */
  public static String of(KubernetesClient client) {
    return fromUid(kubeSystemUid(client));
  }

  /** 12 lowercase hexadecimal characters of the SHA-256 of the UID: a valid installation id. */
  public static String fromUid(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("the kube-system namespace has no UID");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  private static String kubeSystemUid(KubernetesClient client) {
    Namespace namespace;
    try {
      namespace = client.namespaces().withName(NAMESPACE).get();
    } catch (KubernetesClientException e) {
      throw new InstallationIdUnavailableException(
          "cannot read namespace " + NAMESPACE + " (HTTP " + e.getCode() + ")", e);
    }
    if (namespace == null || namespace.getMetadata().getUid() == null) {
      throw new InstallationIdUnavailableException("namespace " + NAMESPACE + " not found", null);
    }
    return namespace.getMetadata().getUid();
  }
}
