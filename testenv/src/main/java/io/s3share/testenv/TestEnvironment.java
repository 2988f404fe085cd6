package io.s3share.testenv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The pinned versions of the test servers and where their binaries are cached.
 *
 * <p>The versions come from the parent {@code pom.xml}; the paths match what {@code
 * scripts/provision-kube-binaries.sh}, {@code scripts/provision-moto.sh}, {@code
 * scripts/provision-principalmapper.sh} and {@code scripts/provision-previous-release.sh} write, so
 * that the tests, the sandbox and the scripts agree without any of them being told.
 */
public final class TestEnvironment {

  private static final Properties VERSIONS = loadVersions();

  private TestEnvironment() {}

  /** The Kubernetes version of kube-apiserver and kubectl, e.g. {@code 1.34.4}. */
  public static String kubeVersion() {
    return VERSIONS.getProperty("kube.version");
  }

  /** The pinned {@code moto[server]} version. */
  public static String motoVersion() {
    return VERSIONS.getProperty("moto.version");
  }

  /** The directory kube-api-test reads binaries from ({@code $KUBE_API_TEST_DIR}). */
  public static Path kubeApiTestDir() {
    String configured = System.getenv("KUBE_API_TEST_DIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".kubeapitest");
  }

  /** The directory holding etcd, kube-apiserver and kubectl for the pinned version. */
  public static Path kubeBinariesDir() {
    return kubeApiTestDir().resolve("k8s").resolve(kubeVersion() + "-linux-amd64");
  }

  /** Root of everything the project caches outside the source tree. */
  public static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("s3-share-operator");
  }

  /** The {@code moto_server} executable inside the pinned venv. */
  public static Path motoServerExecutable() {
    return cacheDir().resolve("moto-" + motoVersion()).resolve("bin").resolve("moto_server");
  }

  /** The pinned principalmapper version, the independent evaluator ours is checked against. */
  public static String principalmapperVersion() {
    return VERSIONS.getProperty("principalmapper.version");
  }

  /** The venv {@code scripts/provision-principalmapper.sh} installs principalmapper into. */
  public static Path principalmapperVenv() {
    return cacheDir().resolve("principalmapper-" + principalmapperVersion());
  }

  /** The commit of the last release, which UpgradeIT upgrades from to this build. */
  public static String previousReleaseCommit() {
    return VERSIONS.getProperty("previous.release.commit");
  }

  /**
   * Where {@code scripts/provision-previous-release.sh} builds the last release: {@code
   * operator.jar}, its runtime dependencies in {@code lib/} and the CRDs it shipped in {@code
   * crds/}.
   */
  public static Path previousReleaseDir() {
    return cacheDir().resolve("release-" + previousReleaseCommit());
  }

  private static Properties loadVersions() {
    Properties properties = new Properties();
    try (InputStream in = TestEnvironment.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the testenv jar");
      }
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
