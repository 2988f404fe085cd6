package io.s3share.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The namespace the operator runs in: its pod's, or the kubeconfig's when run outside a cluster.
 */
public final class OwnNamespace {

  static final Path IN_CLUSTER = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private OwnNamespace() {}

  /** The pod's namespace, else the kubeconfig context's namespace, else {@code default}. */
  public static String of(KubernetesClient client) {
    return of(IN_CLUSTER, Optional.ofNullable(client.getConfiguration().getNamespace()));
  }

  static String of(Path serviceAccountFile, Optional<String> kubeconfigNamespace) {
    if (Files.isRegularFile(serviceAccountFile)) {
      try {
        String namespace = Files.readString(serviceAccountFile).trim();
        if (!namespace.isEmpty()) {
          return namespace;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + serviceAccountFile, e);
      }
    }
    return kubeconfigNamespace.map(String::trim).filter(ns -> !ns.isEmpty()).orElse("default");
  }
}
