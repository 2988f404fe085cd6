package io.s3share.testenv;

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
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real moto AWS emulator process on a free loopback port.
 *
 * <p>moto keeps all state in one server, so {@link #reset()} must run between test classes that
 * could otherwise see each other's buckets and roles.
 */
public final class MotoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MotoServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final Path logFile;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint, Path logFile) {
    this.process = process;
    this.endpoint = endpoint;
    this.logFile = logFile;
  }

  /** Returns the JVM-wide server, starting it if needed. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = start(TestEnvironment.motoServerExecutable());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "moto-stop"));
    }
    return shared;
  }

  /** Starts moto from the given {@code moto_server} executable and waits until it answers. */
  public static MotoServer start(Path executable) {
    if (!Files.isExecutable(executable)
        || !Files.exists(executable.getParent().getParent().resolve(".installed"))) {
      throw new IllegalStateException(
          "moto_server not found at "
              + executable
              + "; run scripts/provision-moto.sh (the Maven build does this before the ITs)");
    }
    int port = freeLoopbackPort();
    try {
      Path logFile = Files.createTempFile("moto-" + port + "-", ".log");
      Process process =
          new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), logFile);
      server.awaitReady(logFile);
      log.info("moto {} listening on {} (log: {})", TestEnvironment.motoVersion(), port, logFile);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL every AWS service is reachable at. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every bucket, role, access point and key in every account. */
  public void reset() {
    send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(noBody()).build());
  }

  /** Stops moto and removes its log, so that repeated runs leave nothing behind in the temp dir. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (process.waitFor(10, TimeUnit.SECONDS)) {
        Files.deleteIfExists(logFile);
      }
    } catch (IOException e) {
      log.warn("could not remove moto's log {}: {}", logFile, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path logFile) {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited at start; see " + logFile);
      }
      try {
        var probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).build();
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
      pause();
    }
    process.destroy();
    throw new IllegalStateException("moto_server not ready after " + STARTUP_TIMEOUT);
  }

  private void send(HttpRequest request) {
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException(request.uri() + " answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
