package io.s3share.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of a stand-in for moto that answers 200 to everything. */
class MotoProxyTest {

  private HttpServer target;
  private MotoProxy proxy;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    target.start();
    proxy = MotoProxy.in(URI.create("http://127.0.0.1:" + target.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    proxy.close();
    target.stop(0);
  }

  private Duration send(String service, String method, String path, String target, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.endpoint().resolve(path))
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261201/eu-west-1/"
                    + service
                    + "/aws4_request, SignedHeaders=host, Signature=0")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    long start = System.nanoTime();
    assertThat(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void jsonProtocolCallsAreNamedByTheirTargetAndReadsAreNotWrites() throws Exception {
    // KMS speaks JSON: every call is a POST to "/", the operation is in X-Amz-Target.
    send("kms", "POST", "/", "TrentService.GetKeyPolicy", "{\"KeyId\":\"k\"}");
    send("kms", "POST", "/", "TrentService.PutKeyPolicy", "{\"KeyId\":\"k\"}");

    assertThat(proxy.operationsBy("AKIDTEST"))
        .containsExactly(
            new AwsOperation("GetKeyPolicy", false), new AwsOperation("PutKeyPolicy", true));
  }

  @Test
  void iamCallsCanBeSlowerThanTheRest() throws Exception {
    proxy.latency(Duration.ZERO, Map.of("iam", Duration.ofMillis(300)));

    Duration iam = send("iam", "POST", "/", null, "Action=GetRole&RoleName=r");
    Duration s3 = send("s3", "GET", "/bucket?policy", null, "");

    assertThat(iam).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(proxy.operationsBy("AKIDTEST"))
        .containsExactly(
            new AwsOperation("GetRole RoleName=r", false),
            new AwsOperation("GET /bucket?policy", false));
    // Not a bound on S3's time (a loaded machine may be slow), only that IAM's was added to it.
    assertThat(iam.minus(s3)).isPositive();
  }
}
