package io.s3share.testenv;

import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.kubeconfig.KubeConfig;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubeapitest.process.KubeAPIServerProcess;
import io.fabric8.kubeapitest.process.UnexpectedProcessStopHandler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kube-apiserver and etcd of their own whose API server can be stopped and started again on the
 * same port, with the same certificates and the same etcd, as when a control plane restarts.
 *
 * <p>Built from kube-api-test's own parts (binaries, certificates, etcd and API server processes,
 * kubeconfig), because its {@code KubeAPIServer} stops and wipes etcd as soon as the API server
 * process ends, and starts the API server on a new port each time. The first API server is started
 * by kube-api-test; a restart runs the very command line it used, read back from the process.
 */
public final class RestartableKubeApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestartableKubeApiServer.class);

  private final KubeAPIServerConfig config;
  private final EtcdProcess etcd;
  private final KubeAPIServerProcess firstApiServer;
  private final List<String> apiServerCommand;
  private final int port;
  private final String kubeConfigYaml;
  private volatile boolean closing;
  private ProcessHandle running;
  private Process restarted;

  private RestartableKubeApiServer(
      KubeAPIServerConfig config,
      EtcdProcess etcd,
      KubeAPIServerProcess firstApiServer,
      int port,
      ProcessHandle running,
      String kubeConfigYaml) {
    this.config = config;
    this.etcd = etcd;
    this.firstApiServer = firstApiServer;
    this.port = port;
    this.running = running;
    this.kubeConfigYaml = kubeConfigYaml;
    List<String> command = new ArrayList<>();
    command.add(running.info().command().orElseThrow());
    command.addAll(List.of(running.info().arguments().orElseThrow()));
    this.apiServerCommand = List.copyOf(command);
  }

  /** Starts etcd and an API server, separate from {@link RealKubeApiServer#shared()}. */
  public static RestartableKubeApiServer start() {
    KubeAPIServerConfig config = RealKubeApiServer.config();
    BinaryManager binaries = new BinaryManager(config);
    binaries.initAndDownloadIfRequired();
    CertManager certificates = new CertManager(config.getKubeAPITestDir());
    certificates.createCertificatesIfNeeded();
    Holder holder = new Holder();
    EtcdProcess etcd =
        new EtcdProcess(
            binaries,
            holder,
            config.isWaitForEtcdHealthCheckOnStartup(),
            config.getStartupTimeout());
    KubeAPIServerProcess apiServer =
        new KubeAPIServerProcess(certificates, binaries, holder, config);
    MidnightStart.awaitSafeStart(RealKubeApiServer.STARTUP_TIMEOUT);
    long started = System.nanoTime();
    RestartableKubeApiServer server;
    try {
      int etcdPort = etcd.startEtcd();
      int port = apiServer.startApiServer(etcdPort);
      apiServer.waitUntilReady();
      // Told apart from the shared server's by its port; by file name, since the kernel reports the
      // executable with symbolic links resolved.
      String apiServerBinary = binaries.binaries().getApiServer().getName();
      ProcessHandle process =
          ProcessHandle.current()
              .children()
              .filter(
                  p ->
                      p.info()
                          .command()
                          .map(c -> Path.of(c).getFileName().toString().equals(apiServerBinary))
                          .orElse(false))
              .filter(p -> servesPort(p, port))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no kube-apiserver child on port " + port));
      String kubeConfigYaml = new KubeConfig(certificates, binaries).generateKubeConfigYaml(port);
      server = new RestartableKubeApiServer(config, etcd, apiServer, port, process, kubeConfigYaml);
    } catch (RuntimeException e) {
      // Nothing is left running when the server could not start.
      for (Runnable cleanup :
          List.<Runnable>of(apiServer::stopApiServer, etcd::stopEtcd, etcd::cleanEtcdData)) {
        try {
          cleanup.run();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    holder.server = server;
    log.info(
        "restartable kube-apiserver on port {} ready in {} ms",
        server.port,
        (System.nanoTime() - started) / 1_000_000);
    return server;
  }

  /** A kubeconfig (cluster-admin client certificate); it stays valid across restarts. */
  public String kubeConfigYaml() {
    return kubeConfigYaml;
  }

  /** A new client with cluster-admin rights; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
  }

  /**
   * Kills the API server (SIGKILL, as when its node or container dies) and waits until it has
   * ended; etcd and its data stay.
   */
  public synchronized void stopApiServer() {
    if (restarted == null) {
      firstApiServer.stopApiServer();
    } else {
      restarted.destroyForcibly();
      awaitExit(restarted.toHandle());
    }
    awaitExit(running);
    log.info("kube-apiserver on port {} stopped; etcd keeps running", port);
  }

  /** Starts the API server again with the same command line, and waits until it serves. */
  public synchronized void startApiServer() {
    if (running.isAlive()) {
      throw new IllegalStateException("kube-apiserver on port " + port + " is still running");
    }
    MidnightStart.awaitSafeStart(RealKubeApiServer.STARTUP_TIMEOUT);
    try {
      Path output = Path.of("target", "kube-apiserver-" + port + ".log").toAbsolutePath();
      Files.createDirectories(output.getParent());
      restarted =
          new ProcessBuilder(apiServerCommand)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running = restarted.toHandle();
    long started = System.nanoTime();
    // Polls this port's readiness and the default namespace, with the configured timeout.
    firstApiServer.waitUntilReady();
    log.info(
        "kube-apiserver on port {} serving again after {} ms",
        port,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Stops the API server and etcd, and deletes etcd's data. */
  @Override
  public synchronized void close() {
    closing = true;
    if (restarted != null) {
      restarted.destroyForcibly();
      awaitExit(restarted.toHandle());
    }
    firstApiServer.stopApiServer();
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }

  private void processStopped(Process process) {
    if (!closing) {
      log.warn(
          "a process of the restartable kube-apiserver on port {} ended (pid {})",
          port,
          process.pid());
    }
  }

  private static boolean servesPort(ProcessHandle process, int port) {
    List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
    int flag = arguments.indexOf("--secure-port");
    return flag >= 0
        && flag + 1 < arguments.size()
        && arguments.get(flag + 1).equals(Integer.toString(port));
  }

  private void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(config.getStartupTimeout(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kube-apiserver pid " + process.pid() + " did not end", e);
    }
  }

  /**
   * kube-api-test calls this when etcd or the first API server ends unexpectedly; here stopping the
   * API server is expected, so it only logs.
   */
  private static final class Holder implements UnexpectedProcessStopHandler {
    private volatile RestartableKubeApiServer server;

    @Override
    public void processStopped(Process process) {
      if (server != null) {
        server.processStopped(process);
      }
    }
  }
}
