package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.s3share.sandbox.SandboxAws;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The README's command for running the operator outside a cluster, copied from the README and run
 * as a user would: a child process with a kubeconfig and AWS credentials in its environment. It
 * must compile what it needs from this checkout, answer {@code /readyz}, and reach AWS.
 */
class ReadmeRunCommandIT {

  static final String OWNER_ACCOUNT = "444455556666";
  static final String ACCOUNT_NAME = "readme-run";
  static final String NAMESPACE = "readme-run";
  static final Duration STARTUP = Duration.ofMinutes(4);

  static KubernetesClient admin;
  static SandboxAws aws;
  static Path kubeconfig;
  static Path output;
  static Process operator;
  static int httpPort;

  @BeforeAll
  static void runTheReadmeCommand() throws IOException {
    RealKubeApiServer apiServer = RealKubeApiServer.shared();
    admin = apiServer.newClient();
    MotoServer moto = MotoServer.shared();
    moto.reset();
    Chart.installCrds(admin);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    aws = new SandboxAws(moto, OWNER_ACCOUNT, Region.EU_WEST_1);
    aws.createOperatorRole();
    applyAwsAccount(moto.endpoint());

    kubeconfig = Files.createTempFile("s3share-readme-", ".kubeconfig");
    Files.writeString(kubeconfig, apiServer.kubeConfigYaml());
    output = Path.of("target", "readme-run-command.log").toAbsolutePath();
    Files.createDirectories(output.getParent());
    httpPort = freeLoopbackPort();

    ProcessBuilder command =
        new ProcessBuilder("bash", "-c", readmeRunCommand())
            .directory(Project.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = command.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    // The default credential chain's environment form; moto accepts any keys.
    env.put("AWS_ACCESS_KEY_ID", "readme");
    env.put("AWS_SECRET_ACCESS_KEY", "readme");
    env.put("AWS_REGION", "eu-west-1");
    env.put("S3SHARE_HTTP_PORT", String.valueOf(httpPort));
    env.put("S3SHARE_WATCH_NAMESPACES", NAMESPACE);
    env.put("S3SHARE_INSTALLATION_ID", "readmerun");
    operator = command.start();
  }

  @AfterAll
  static void stopTheOperator() throws IOException, InterruptedException {
    if (admin != null) {
      admin
          .genericKubernetesResources("s3share.io/v1alpha1", "AwsAccount")
          .withName(ACCOUNT_NAME)
          .delete();
    }
    if (operator != null) {
      // mvnw, Maven and the operator's JVM: Ctrl-C reaches all of them, so stop all of them.
      operator.descendants().forEach(ProcessHandle::destroy);
      operator.destroy();
      if (!operator.waitFor(30, TimeUnit.SECONDS)) {
        operator.descendants().forEach(ProcessHandle::destroyForcibly);
        operator.destroyForcibly();
      }
    }
    if (aws != null) {
      aws.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (kubeconfig != null) {
      Files.deleteIfExists(kubeconfig);
    }
  }

  @Test
  void theCommandBringsUpAnOperatorThatAnswersReadyzAndReachesAws() throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    URI readyz = URI.create("http://127.0.0.1:" + httpPort + "/readyz");
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the command ended; see " + output, () -> !operator.isAlive())
        .until(() -> statusOf(http, readyz) == 200);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(readyOfAwsAccount()).contains("True"));
    // The operator's own logging configuration applies: INFO, not the library default of DEBUG.
    assertThat(Files.readString(output))
        .contains("s3-share-operator started")
        .doesNotContain(" DEBUG ");
  }

  /** The one README line that runs the operator outside a cluster. */
  static String readmeRunCommand() throws IOException {
    List<String> lines =
        Files.readAllLines(Project.ROOT.resolve("README.md")).stream()
            .map(String::strip)
            .filter(line -> line.startsWith("./mvnw") && line.contains("-Prun "))
            .toList();
    assertThat(lines).as("the README's run-outside-a-cluster command").hasSize(1);
    return lines.get(0);
  }

  private static void applyAwsAccount(URI motoEndpoint) {
    GenericKubernetesResource account =
        Serialization.unmarshal(
            """
            apiVersion: s3share.io/v1alpha1
            kind: AwsAccount
            metadata:
              name: %s
            spec:
              accountId: "%s"
              region: eu-west-1
              assumeRole:
                roleArn: arn:aws:iam::%s:role/%s
              endpoints:
                url: %s
            """
                .formatted(
                    ACCOUNT_NAME,
                    OWNER_ACCOUNT,
                    OWNER_ACCOUNT,
                    SandboxAws.OPERATOR_ROLE,
                    motoEndpoint),
            GenericKubernetesResource.class);
    admin.resource(account).serverSideApply();
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> readyOfAwsAccount() {
    GenericKubernetesResource account =
        admin
            .genericKubernetesResources("s3share.io/v1alpha1", "AwsAccount")
            .withName(ACCOUNT_NAME)
            .get();
    return Optional.ofNullable(account)
        .map(a -> (Map<String, Object>) a.getAdditionalProperties().get("status"))
        .map(status -> (List<Map<String, Object>>) status.get("conditions"))
        .flatMap(
            conditions ->
                conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst())
        .map(ready -> (String) ready.get("status"));
  }

  private static int statusOf(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
