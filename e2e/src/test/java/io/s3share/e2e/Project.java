package io.s3share.e2e;

import java.nio.file.Path;

/** Paths in the repository the tests read: the chart, the examples, the CRDs. */
final class Project {

  static final Path ROOT = Path.of(System.getProperty("project.root.dir", "..")).toAbsolutePath();
  static final Path CHART = ROOT.resolve("helm/s3-share-operator");
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path HEALTH_LUA = CHART.resolve("files/argocd-health.lua");
  static final Path ARGOCD_SNIPPET = CHART.resolve("docs/argocd-cm-health.yaml");

  private Project() {}
}
