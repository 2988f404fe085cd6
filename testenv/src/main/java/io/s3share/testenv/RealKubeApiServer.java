package io.s3share.testenv;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real kube-apiserver backed by a real etcd, shared by everything in this JVM.
 *
 * <p>Started on first use and stopped when the JVM exits. Starting takes a few seconds, so test
 * classes share it and isolate themselves by namespace instead of starting their own.
 */
public final class RealKubeApiServer {

  private static final Logger log = LoggerFactory.getLogger(RealKubeApiServer.class);
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static RealKubeApiServer shared;

  private final KubeAPIServer server;
  private final java.util.concurrent.atomic.AtomicBoolean stopped =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final String kubeConfigYaml;

  private RealKubeApiServer(KubeAPIServer server) {
    this.server = server;
    this.kubeConfigYaml = server.getKubeConfigYaml();
  }

  /** Returns the JVM-wide server, starting it if needed. */
  public static synchronized RealKubeApiServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kube-apiserver-stop"));
    }
    return shared;
  }

  /**
   * A second, separate API server and etcd (another cluster, with its own kube-system UID); the
   * caller stops it.
   */
  public static RealKubeApiServer startAnother() {
    return start();
  }

  /**
   * Stops etcd and the API server now rather than at JVM exit; for programs that must end while the
   * JVM goes on (e.g. under Maven's exec:java). Idempotent.
   */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      server.stop();
    }
  }

  /** A kubeconfig (cluster-admin client certificate) for this server. */
  public String kubeConfigYaml() {
    return kubeConfigYaml;
  }

  /** A new client with cluster-admin rights; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
  }

  private static RealKubeApiServer start() {
    KubeAPIServer server = new KubeAPIServer(config());
    MidnightStart.awaitSafeStart(STARTUP_TIMEOUT);
    long started = System.nanoTime();
    server.start();
    log.info(
        "kube-apiserver {} ready in {} ms",
        TestEnvironment.kubeVersion(),
        (System.nanoTime() - started) / 1_000_000);
    return new RealKubeApiServer(server);
  }

  /** kube-api-test's settings for every API server this test environment starts. */
  static KubeAPIServerConfig config() {
    // Offline when the provisioning script (or an earlier download) left binaries in place;
    // otherwise let kube-api-test download the official ones, which needs internet.
    boolean offline = Files.isDirectory(TestEnvironment.kubeBinariesDir());
    return KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(TestEnvironment.kubeApiTestDir().toString())
        .withApiServerVersion(TestEnvironment.kubeVersion())
        .withOfflineMode(offline)
        .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
        .withUpdateKubeConfig(false)
        // Without this the API server listens on every interface.
        .withApiServerFlag("--bind-address", "127.0.0.1")
        .build();
  }
}
