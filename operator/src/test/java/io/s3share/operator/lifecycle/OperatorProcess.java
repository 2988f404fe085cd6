package io.s3share.operator.lifecycle;

import io.s3share.testenv.RealKubeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's packaged jar in a JVM of its own, as a pod runs it: configured by environment,
 * stopped by a signal. SIGKILL ({@link #kill()}) is a crash; SIGTERM ({@link #terminate()}) is what
 * the kubelet sends first.
 */
final class OperatorProcess implements AutoCloseable {

  final String name;
  final String accessKey;
  final Path log;
  private final Path kubeconfig;
  private final Process process;

  private OperatorProcess(
      String name, String accessKey, Path log, Path kubeconfig, Process process) {
    this.name = name;
    this.accessKey = accessKey;
    this.log = log;
    this.kubeconfig = kubeconfig;
    this.process = process;
  }

  /**
   * Starts this build's packaged jar against the shared API server.
   *
   * @param name the pod name (HOSTNAME), which is also its Lease identity
   * @param accessKey its AWS access key id, so that its AWS calls can be told apart
   * @param env the operator's settings
   */
  static OperatorProcess start(String name, String accessKey, Map<String, String> env) {
    return start(OperatorBuild.packaged(), name, accessKey, env);
  }

  /** Starts the given build of the operator against the shared API server. */
  static OperatorProcess start(
      OperatorBuild build, String name, String accessKey, Map<String, String> env) {
    return start(build, name, accessKey, RealKubeApiServer.shared().kubeConfigYaml(), env);
  }

  /** This build's packaged jar against the API server that {@code kubeConfigYaml} names. */
  static OperatorProcess start(
      String name, String accessKey, String kubeConfigYaml, Map<String, String> env) {
    return start(OperatorBuild.packaged(), name, accessKey, kubeConfigYaml, env);
  }

  /** The given build against the API server that {@code kubeConfigYaml} names. */
  static OperatorProcess start(
      OperatorBuild build,
      String name,
      String accessKey,
      String kubeConfigYaml,
      Map<String, String> env) {
    try {
      Path kubeconfig = Files.createTempFile("s3share-" + name + "-", ".kubeconfig");
      Files.writeString(kubeconfig, kubeConfigYaml);
      Path log = Path.of("target", "operator-process-" + name + ".log").toAbsolutePath();
      Files.createDirectories(log.getParent());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
      command.addAll(build.arguments());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      Map<String, String> settings = new HashMap<>(env);
      settings.put("HOSTNAME", name);
      settings.put("KUBECONFIG", kubeconfig.toString());
      settings.put("AWS_ACCESS_KEY_ID", accessKey);
      settings.put("AWS_SECRET_ACCESS_KEY", "testing");
      settings.put("AWS_REGION", "eu-west-1");
      settings.putIfAbsent("S3SHARE_HTTP_PORT", "0");
      environment.putAll(settings);
      return new OperatorProcess(name, accessKey, log, kubeconfig, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** A crash: SIGKILL, no shutdown hook, no Lease release. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM, as the kubelet sends when a pod is deleted or rolled. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to end; the exit code, or -1 when it has not ended in time. */
  int awaitExit(Duration bound) throws InterruptedException {
    return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException ignored) {
      // a temporary file; nothing depends on it
    }
  }
}
