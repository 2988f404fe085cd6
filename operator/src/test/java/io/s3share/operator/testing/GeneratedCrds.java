package io.s3share.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().load(file(crdName).toFile()).item();
    client
        .resource(crd)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                // JOSDK's test extension applies CRDs as "fabric8" without force; sharing its
                // field manager keeps the two from conflicting on the same JVM-wide server.
                .withFieldManager("fabric8")
                .withForce(true)
                .build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                isEstablished(
                    client
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crdName)
                        .get()));
    return client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
  }

  /** Applies every CRD crd-generator wrote; returns them by kind. */
  public static java.util.Map<String, CustomResourceDefinition> applyAll(KubernetesClient client) {
    try (var files = Files.list(GENERATED)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith("-v1.yml"))
          .map(name -> apply(client, name.substring(0, name.length() - "-v1.yml".length())))
          .collect(
              java.util.stream.Collectors.toMap(
                  crd -> crd.getSpec().getNames().getKind(), crd -> crd));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
