package io.s3share.operator.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Makes chosen AWS calls fail with a real HTTP error answer, so that the SDK's own error parsing
 * and retry strategy run exactly as they do against AWS.
 *
 * <p>A matching request is redirected to a small HTTP server on loopback that answers with the
 * fault's status and body; every other request goes to moto untouched.
 */
public final class FaultInjector implements ExecutionInterceptor, AutoCloseable {

  private record Fault(
      String operation,
      Predicate<SdkHttpRequest> matches,
      int status,
      String body,
      AtomicInteger remaining,
      Instant until) {

    boolean takes(String op, SdkHttpRequest request) {
      return operation.equals(op)
          && matches.test(request)
          && Instant.now().isBefore(until)
          && remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }
  }

  private record Hook(String operation, String bucket, Runnable action, AtomicInteger remaining) {}

  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private final Map<String, Fault> byId = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private final HttpServer server;

  public FaultInjector() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/fault/",
        exchange -> {
          String id = exchange.getRequestURI().getPath().substring("/fault/".length());
          Fault fault = byId.get(id);
          byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(fault.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** S3 answers {@code status}/{@code code} to the next {@code times} calls on the bucket. */
  public void s3Error(String operation, String bucket, int status, String code, int times) {
    add(
        new Fault(
            operation,
            request -> request.encodedPath().startsWith("/" + bucket),
            status,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected "
                + code
                + "</Message></Error>",
            new AtomicInteger(times),
            Instant.now().plus(Duration.ofHours(1))));
  }

  /** IAM answers with an error to every {@code operation} call during {@code period}. */
  public void iamError(String operation, int status, String code, String message, Duration period) {
    add(
        new Fault(
            operation,
            request -> true,
            status,
            "<ErrorResponse><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>injected</RequestId></ErrorResponse>",
            new AtomicInteger(Integer.MAX_VALUE),
            Instant.now().plus(period)));
  }

  /**
   * Runs {@code action} once, right after the next successful {@code operation} on the bucket: e.g.
   * a foreign writer acting between the operator's read and its write.
   */
  public void afterNext(String operation, String bucket, Runnable action) {
    hooks.add(new Hook(operation, bucket, action, new AtomicInteger(1)));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    for (Hook hook : hooks) {
      if (hook.operation().equals(operation)
          && context.httpRequest().encodedPath().startsWith("/" + hook.bucket())
          && hook.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
        hook.action().run();
      }
    }
  }

  /** How many calls were answered by a fault so far. */
  public int injected() {
    return injected.get();
  }

  public void clear() {
    faults.clear();
    hooks.clear();
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    SdkHttpRequest request = context.httpRequest();
    for (Fault fault : faults) {
      if (fault.takes(operation, request)) {
        injected.incrementAndGet();
        String id = String.valueOf(ids.incrementAndGet());
        byId.put(id, fault);
        return request.toBuilder()
            .protocol("http")
            .host("127.0.0.1")
            .port(server.getAddress().getPort())
            .encodedPath("/fault/" + id)
            .clearQueryParameters()
            .build();
      }
    }
    return request;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void add(Fault fault) {
    faults.add(fault);
  }
}
