package io.s3share.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.testenv.Crds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies the CRDs that crd-generator wrote into the build output, as a user would. */
public final class GeneratedCrds {

  private static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8");

  private GeneratedCrds() {}

  /** The generated file for a CRD, e.g. {@code awsaccounts.s3share.io}. */
  public static Path file(String crdName) {
    Path file = GENERATED.resolve(crdName + "-v1.yml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing; crd-generator runs in process-classes");
    }
    return file;
  }

  /** Server-side applies the generated CRD and waits until the API server serves it. */
  public static CustomResourceDefinition apply(KubernetesClient client, String crdName) {
    return Crds.applyAndAwait(client, List.of(file(crdName))).get(0);
  }

  /** Applies every CRD crd-generator wrote; returns them by kind. */
  public static Map<String, CustomResourceDefinition> applyAll(KubernetesClient client) {
    return Crds.applyAndAwait(client, Crds.filesIn(GENERATED)).stream()
        .collect(Collectors.toMap(crd -> crd.getSpec().getNames().getKind(), crd -> crd));
  }
}
