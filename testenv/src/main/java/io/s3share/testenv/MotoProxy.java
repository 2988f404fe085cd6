package io.s3share.testenv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of moto for operators that run in their own JVM, where the
 * in-process fault injection cannot reach: it records the operations and counts bucket-policy
 * writes per access key (so per operator process) and can hold policy writes for a while, the way a
 * slow AWS answer would.
 */
public final class MotoProxy implements AutoCloseable {

  private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/]+)/");
  // SigV4's credential scope is key/date/region/service/aws4_request: the service signed for.
  private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
  // Headers the JDK client sets itself, or refuses to be given.
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, AtomicInteger> policyWrites = new ConcurrentHashMap<>();
  private final Map<String, List<AwsOperation>> operations = new ConcurrentHashMap<>();
  private final AtomicInteger policyWritesReceived = new AtomicInteger();
  private final AtomicInteger policyWritesAnswered = new AtomicInteger();
  private final AtomicReference<Duration> policyWriteDelay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicReference<Duration> policyReadDelay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger policyReadsReceived = new AtomicInteger();
  private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
  private volatile Map<String, Duration> serviceLatency = Map.of();
  private volatile boolean unreachable;
  private volatile double throttling;
  private final java.util.Random throttleDraws = new java.util.Random(20261130L);

  private MotoProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  public static MotoProxy in(URI moto) {
    try {
      return new MotoProxy(moto);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** PutBucketPolicy and DeleteBucketPolicy requests signed with this access key. */
  public int policyWritesBy(String accessKey) {
    return policyWrites.getOrDefault(accessKey, new AtomicInteger()).get();
  }

  /** Every request signed with this access key that reached moto, in the order received. */
  public List<AwsOperation> operationsBy(String accessKey) {
    List<AwsOperation> signed = operations.getOrDefault(accessKey, List.of());
    synchronized (signed) {
      return List.copyOf(signed);
    }
  }

  public int policyWritesReceived() {
    return policyWritesReceived.get();
  }

  public int policyWritesAnswered() {
    return policyWritesAnswered.get();
  }

  /**
   * SDK operations started so far: first attempts only, told by the SDK's {@code amz-sdk-request:
   * attempt=1} header, so that the SDK's own retries of a throttled answer are not counted again.
   */
  public int calls() {
    return calls.get();
  }

  public int throttled() {
    return throttled.get();
  }

  /**
   * While above 0, that fraction of requests is answered as AWS answers when it throttles: S3 and
   * S3 Control with 503 SlowDown, IAM and STS with 400 Throttling.
   */
  public void throttle(double fraction) {
    throttling = fraction;
  }

  /** Every request received so far, answered or not. */
  public int requests() {
    return requests.get();
  }

  /**
   * While on, AWS is unreachable: every connection is closed without an answer, as when a network
   * path or an endpoint fails. moto keeps its state meanwhile, as AWS would.
   */
  public void unreachable(boolean on) {
    unreachable = on;
  }

  /**
   * From now on, every request reaches moto only after this delay, as when AWS answers slowly; the
   * SDK sees the whole delay as time to first byte.
   */
  public void latency(Duration delay) {
    latency.set(delay);
  }

  /**
   * Like {@link #latency(Duration)}, with another delay for the services named in {@code
   * byService}, told by the service each request is signed for (e.g. {@code iam}, {@code sts},
   * {@code s3}): IAM answers more slowly than S3.
   */
  public void latency(Duration delay, Map<String, Duration> byService) {
    serviceLatency = Map.copyOf(byService);
    latency.set(delay);
  }

  /** The most requests this proxy was handling at one moment so far. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** From now on, each bucket-policy read reaches moto only after this delay. */
  public void delayPolicyReads(Duration delay) {
    policyReadDelay.set(delay);
  }

  public int policyReadsReceived() {
    return policyReadsReceived.get();
  }

  /** From now on, each policy write reaches moto only after this delay. */
  public void delayPolicyWrites(Duration delay) {
    policyWriteDelay.set(delay);
  }

  private void forward(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      pause(latencyOf(exchange));
      answer(exchange);
    } catch (InterruptedException e) {
      exchange.close();
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String attempt = exchange.getRequestHeaders().getFirst("amz-sdk-request");
    if (attempt == null || attempt.contains("attempt=1;") || attempt.endsWith("attempt=1")) {
      calls.incrementAndGet();
    }
    if (throttling > 0 && drawThrottle()) {
      throttled.incrementAndGet();
      answerThrottled(exchange);
      return;
    }
    if (unreachable) {
      // No status line at all: the client sees the connection end, not an HTTP error.
      exchange.close();
      return;
    }
    try (exchange) {
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      byte[] body = exchange.getRequestBody().readAllBytes();
      accessKey(exchange)
          .ifPresent(
              k ->
                  operations
                      .computeIfAbsent(k, x -> Collections.synchronizedList(new ArrayList<>()))
                      .add(
                          AwsOperation.of(
                              method,
                              uri,
                              body,
                              exchange.getRequestHeaders().getFirst("X-Amz-Target"))));
      boolean policyWrite =
          (method.equals("PUT") || method.equals("DELETE"))
              && uri.getRawQuery() != null
              && List.of(uri.getRawQuery().split("&")).contains("policy");
      if (method.equals("GET") && isPolicy(uri)) {
        policyReadsReceived.incrementAndGet();
        pause(policyReadDelay.get());
      }
      if (policyWrite) {
        policyWritesReceived.incrementAndGet();
        accessKey(exchange)
            .ifPresent(
                k -> policyWrites.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet());
        pause(policyWriteDelay.get());
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(uri.getRawPath() + query(uri)))
              .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body().readAllBytes();
      exchange.sendResponseHeaders(
          response.statusCode(), method.equals("HEAD") || answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0 && !method.equals("HEAD")) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
      if (policyWrite) {
        policyWritesAnswered.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration latencyOf(HttpExchange exchange) {
    Map<String, Duration> byService = serviceLatency;
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (!byService.isEmpty() && authorization != null) {
      Matcher m = SERVICE.matcher(authorization);
      if (m.find() && byService.containsKey(m.group(1))) {
        return byService.get(m.group(1));
      }
    }
    return latency.get();
  }

  private static boolean isPolicy(URI uri) {
    return uri.getRawQuery() != null && List.of(uri.getRawQuery().split("&")).contains("policy");
  }

  private synchronized boolean drawThrottle() {
    return throttleDraws.nextDouble() < throttling;
  }

  private static void answerThrottled(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      // IAM and STS are form posts to "/"; S3 and S3 Control are REST paths.
      boolean query =
          exchange.getRequestMethod().equals("POST")
              && exchange.getRequestURI().getRawPath().equals("/");
      String body =
          query
              ? "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                  + "<Message>Rate exceeded</Message></Error><RequestId>throttled</RequestId>"
                  + "</ErrorResponse>"
              : "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                  + "</Error>";
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().put("Content-Type", List.of("text/xml"));
      exchange.sendResponseHeaders(query ? 400 : 503, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static java.util.Optional<String> accessKey(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      return java.util.Optional.empty();
    }
    Matcher m = ACCESS_KEY.matcher(authorization);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static String query(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }

  private static void pause(Duration delay) throws InterruptedException {
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
