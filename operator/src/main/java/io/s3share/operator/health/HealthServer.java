package io.s3share.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's small HTTP endpoint for the kubelet and Prometheus: {@code /healthz} (the process
 * serves requests), {@code /readyz} (the operator has started) and {@code /metrics} (Prometheus
 * text format).
 */
public final class HealthServer implements AutoCloseable {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on all interfaces at {@code port} (0 picks a free one).
   *
   * @param ready whether the operator has started
   * @param metrics the Prometheus scrape
   */
  public static HealthServer start(int port, BooleanSupplier ready, Supplier<String> metrics) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(2, HealthServer::daemon);
      server.setExecutor(executor);
      server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok"));
      server.createContext(
          "/readyz",
          exchange -> {
            boolean isReady = ready.getAsBoolean();
            respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ok" : "starting");
          });
      server.createContext(
          "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
      server.start();
      return new HealthServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve health checks on port " + port, e);
    }
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "health-http");
    thread.setDaemon(true);
    return thread;
  }
}
