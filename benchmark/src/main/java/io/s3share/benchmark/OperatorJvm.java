package io.s3share.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's packaged jar in a JVM of its own, as its image runs it, with the chart's JVM
 * flags: what its memory is measured on.
 */
final class OperatorJvm implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Path log;
  final List<String> flags;
  private final Path kubeconfig;
  private final Process process;
  private final int httpPort;

  private OperatorJvm(
      Path log, List<String> flags, Path kubeconfig, Process process, int httpPort) {
    this.log = log;
    this.flags = List.copyOf(flags);
    this.kubeconfig = kubeconfig;
    this.process = process;
    this.httpPort = httpPort;
  }

  /**
   * Starts the jar.
   *
   * @param accessKey its AWS access key id, by which the proxy tells its calls from others'
   * @param env the operator's settings (S3SHARE_*)
   */
  static OperatorJvm start(
      ScaleSettings settings, String kubeConfigYaml, String accessKey, Map<String, String> env) {
    return start(settings, ChartJvmFlags.of(settings.projectDir()), kubeConfigYaml, accessKey, env);
  }

  /** Starts the jar with other JVM options than the chart's: S5's candidates. */
  static OperatorJvm start(
      ScaleSettings settings,
      List<String> flags,
      String kubeConfigYaml,
      String accessKey,
      Map<String, String> env) {
    Path jar = settings.operatorJar().toAbsolutePath();
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException(
          jar
              + " or the lib/ directory next to it is missing: build the operator first, e.g."
              + " ./mvnw -Pbenchmark verify -pl benchmark -am");
    }
    try {
      Path kubeconfig = Files.createTempFile("s3share-benchmark-", ".kubeconfig");
      Files.writeString(kubeconfig, kubeConfigYaml);
      Path log =
          Path.of(System.getProperty("benchmark.operatorLog", "target/benchmark-operator.log"))
              .toAbsolutePath();
      Files.createDirectories(log.getParent());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(flags);
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> all = new HashMap<>(env);
      all.put("HOSTNAME", "benchmark-operator");
      all.put("KUBECONFIG", kubeconfig.toString());
      all.put("AWS_ACCESS_KEY_ID", accessKey);
      all.put("AWS_SECRET_ACCESS_KEY", "testing");
      all.put("AWS_REGION", Bench.REGION.id());
      int port = freePort();
      all.put("S3SHARE_HTTP_PORT", String.valueOf(port));
      // The chart's options are on the command line; none may come from the caller's environment.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().putAll(all);
      return new OperatorJvm(log, flags, kubeconfig, builder.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Heap in use right after a full collection, and the process's resident set, in MiB. */
  Memory memory() {
    requireAlive();
    jdkTool("jcmd", String.valueOf(process.pid()), "GC.run");
    return new Memory(heapUsedKib() / 1024.0, residentKib() / 1024.0);
  }

  record Memory(double heapMib, double rssMib) {}

  /** Whether the operator's caches are in sync: its {@code /readyz} answers 200. */
  boolean ready() {
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The operator's {@code /metrics}, in Prometheus' text format. */
  PrometheusText metrics() {
    requireAlive();
    try {
      HttpResponse<String> response = get("/metrics");
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the operator's /metrics answered " + response.statusCode());
      }
      return PrometheusText.parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operator's /metrics", e);
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + path, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // jstat's -gc columns ending in U are the used sizes, in KiB, of every heap space the
  // collector has (survivors, eden, old); MU and CCSU are metaspace, not heap.
  private long heapUsedKib() {
    String[] lines = jdkTool("jstat", "-gc", String.valueOf(process.pid())).trim().split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double used = 0;
    for (int i = 0; i < names.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
        used += Double.parseDouble(values[i]);
      }
    }
    return Math.round(used);
  }

  private long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operator's resident set size", e);
    }
    throw new IllegalStateException("no VmRSS for the operator's process " + process.pid());
  }

  private static String jdkTool(String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + tool, e);
    }
  }

  private void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the operator's JVM exited with " + process.exitValue() + "; see " + log);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(kubeconfig);
    } catch (IOException ignored) {
      // a temporary file; nothing depends on it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
