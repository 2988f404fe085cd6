package io.s3share.e2e;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.testenv.Crds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Helm chart, rendered offline by a real Helm (helm-java) and applied like Helm would. */
final class Chart {

  private Chart() {}

  /** {@code helm template <release> helm/s3-share-operator -n <namespace> --set k=v ...}. */
  static String template(String release, String namespace, Map<String, String> values) {
    TemplateCommand template =
        new Helm(Project.CHART).template().withName(release).withNamespace(namespace);
    values.forEach(template::set);
    return template.call();
  }

  /** {@code helm template <release> helm/s3-share-operator -n <namespace> -f values.yaml}. */
  static String templateWithValues(String release, String namespace, String valuesYaml) {
    try {
      Path values = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(values, valuesYaml);
        return new Helm(Project.CHART)
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withValuesFile(values)
            .call();
      } finally {
        Files.deleteIfExists(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> parse(KubernetesClient client, String manifests) {
    return client
        .load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8)))
        .items();
  }

  /** The chart's {@code crds/} folder, which Helm installs before the templates. */
  static List<Path> crdFiles() {
    return Crds.filesIn(Project.CHART.resolve("crds"));
  }

  /** Server-side applies the chart's CRDs and waits until the API server serves them. */
  static void installCrds(KubernetesClient client) {
    Crds.applyAndAwait(client, crdFiles());
  }

  /** Applies every object with server-side apply and returns what the API server stored. */
  static List<HasMetadata> apply(KubernetesClient client, List<HasMetadata> objects) {
    return objects.stream()
        .map(o -> (HasMetadata) client.resource(o).forceConflicts().serverSideApply())
        .toList();
  }
}
