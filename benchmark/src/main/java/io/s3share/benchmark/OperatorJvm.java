package io.s3share.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  final Path log;
  private final Path kubeconfig;
  private final Process process;

  private OperatorJvm(Path log, Path kubeconfig, Process process) {
    this.log = log;
    this.kubeconfig = kubeconfig;
    this.process = process;
  }

  /**
   * Starts the jar.
   *
   * @param accessKey its AWS access key id, by which the proxy tells its calls from others'
   * @param env the operator's settings (S3SHARE_*)
   */
  static OperatorJvm start(
      ScaleSettings settings, String kubeConfigYaml, String accessKey, Map<String, String> env) {
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
      command.addAll(ChartJvmFlags.of(settings.projectDir()));
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> all = new HashMap<>(env);
      all.put("HOSTNAME", "benchmark-operator");
      all.put("KUBECONFIG", kubeconfig.toString());
      all.put("AWS_ACCESS_KEY_ID", accessKey);
      all.put("AWS_SECRET_ACCESS_KEY", "testing");
      all.put("AWS_REGION", Bench.REGION.id());
      all.putIfAbsent("S3SHARE_HTTP_PORT", "0");
      // The chart's options are on the command line; none may come from the caller's environment.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().putAll(all);
      return new OperatorJvm(log, kubeconfig, builder.start());
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
