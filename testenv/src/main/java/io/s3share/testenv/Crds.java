package io.s3share.testenv;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs CRD files as a user would (server-side apply) and waits until they are served. */
public final class Crds {

  private static final long ESTABLISHED_TIMEOUT_SECONDS = 30;

  private Crds() {}

  /** The CRD files ({@code *.yml}, {@code *.yaml}) in a directory, sorted. */
  public static List<Path> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Server-side applies every file (as field manager {@code fabric8}, the one JOSDK's test
   * extension also uses, forcing conflicts) and waits until the API server reports each CRD
   * Established, so that nothing uses a kind before it is served.
   */
  public static List<CustomResourceDefinition> applyAndAwait(
      KubernetesClient client, Collection<Path> files) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    return files.stream()
        .map(file -> crds.load(read(file)).item())
        .map(crd -> crds.resource(crd).forceConflicts().serverSideApply())
        .map(
            applied ->
                crds.resource(applied)
                    .waitUntilCondition(
                        Crds::isEstablished, ESTABLISHED_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .toList();
  }

  /**
   * Whether the API server serves the CRD. The status arrives in parts: a watch event may carry a
   * status whose conditions are not set yet, which must read as "not yet", not fail the wait.
   */
  static boolean isEstablished(CustomResourceDefinition crd) {
    return Optional.ofNullable(crd)
        .map(CustomResourceDefinition::getStatus)
        .map(CustomResourceDefinitionStatus::getConditions)
        .orElse(List.of())
        .stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static InputStream read(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
