package io.s3share.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.s3share.cli.OutputFormat;
import io.s3share.cli.Session;
import io.s3share.cli.audit.AuditCommand;
import io.s3share.cli.audit.AuditRenderer;
import io.s3share.operator.Main;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.testenv.Crds;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;

/**
 * The operator's main job on an embedded default: a real kube-apiserver and etcd, the moto AWS
 * emulator, the CRDs from {@code crds/}, the operator itself, and every manifest in {@code
 * examples/} applied and driven to Ready.
 */
public final class Sandbox {

  static final String NAMESPACE = "demo";

  /** The label examples/sharing-policy.yaml selects: the operator enforces SharingPolicies. */
  static final Map<String, String> TENANT_LABEL = Map.of("s3share.io/tenant", "demo");

  /** Kinds without a namespace; everything else goes to {@value #NAMESPACE}. */
  static final Set<String> CLUSTER_SCOPED = Set.of("AwsAccount", "SharingPolicy", "SharedBucket");

  static final String OWNER_ACCOUNT = "111111111111";
  static final Region REGION = Region.EU_WEST_1;

  private Sandbox() {}

  public static void main(String[] args) throws IOException {
    Path project = Path.of(System.getProperty("sandbox.projectDir", ".."));
    say("Starting a real kube-apiserver + etcd and the moto AWS emulator on loopback...");
    RealKubeApiServer apiServer = RealKubeApiServer.shared();
    MotoServer moto = MotoServer.shared();
    Path kubeconfig = Files.createTempFile("s3share-sandbox-", ".kubeconfig");
    // Ctrl-C ends the JVM through its shutdown hooks, not through the finally block below.
    kubeconfig.toFile().deleteOnExit();
    Files.writeString(kubeconfig, apiServer.kubeConfigYaml());

    try {
      run(project, apiServer, moto, kubeconfig);
    } finally {
      // exec:java waits for every non-daemon thread, including those reading the servers'
      // output, so the servers must stop before main returns rather than at JVM exit.
      moto.close();
      apiServer.stop();
      Files.deleteIfExists(kubeconfig);
    }
  }

  private static void run(
      Path project, RealKubeApiServer apiServer, MotoServer moto, Path kubeconfig)
      throws IOException {
    try (KubernetesClient client = apiServer.newClient();
        SandboxAws aws = new SandboxAws(moto, OWNER_ACCOUNT, REGION);
        AwsClientFactory operatorAws = new AwsClientFactory(SandboxAws.credentials(), List.of());
        Main operator = new Main(client, operatorAws, OperatorConfig.defaults())) {
      Crds.applyAndAwait(client, Crds.filesIn(project.resolve("crds")));
      List<HasMetadata> examples = readExamples(project.resolve("examples"));
      aws.createOperatorRole();
      bucketsOf(examples).forEach(aws::createBucketWithForeignStatement);

      say("Starting the operator and applying examples/ ...");
      operator.start();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(NAMESPACE)
                  .withLabels(TENANT_LABEL)
                  .endMetadata()
                  .build())
          .serverSideApply();
      List<HasMetadata> applied = new ArrayList<>();
      for (HasMetadata example : examples) {
        applied.add(apply(client, example, moto));
      }

      StatusReport report = new StatusReport(client);
      boolean allReady = report.awaitReady(applied);
      report.print(applied);
      bucketsOf(examples)
          .forEach(
              bucket -> {
                say("Policy of bucket " + bucket + " (account " + OWNER_ACCOUNT + "):");
                System.out.println(aws.bucketPolicy(bucket));
              });
      boolean migrated = PostureScenario.run(client, aws, report);
      printAudit(client);
      printNextSteps(kubeconfig);
      if (Boolean.getBoolean("sandbox.hold")) {
        // For scripts that stop it the way a person does: with Ctrl-C, whatever the terminal.
        say("The sandbox keeps running until Ctrl-C.");
        holdUntilInterrupted();
      } else if (System.console() != null && !Boolean.getBoolean("sandbox.exit")) {
        say("The sandbox keeps running: try the kubectl commands above. Press Enter to stop.");
        System.in.read();
      }
      if (!allReady) {
        throw new IllegalStateException("not every example became Ready; see the table above");
      }
      if (!migrated) {
        throw new IllegalStateException(
            "SharedBucket " + PostureScenario.BUCKET + " did not finish its ACL migration");
      }
    }
  }

  private static List<HasMetadata> readExamples(Path dir) throws IOException {
    List<HasMetadata> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        all.add(Serialization.unmarshal(Files.readString(file), GenericKubernetesResource.class));
      }
    }
    // AwsAccounts and SharingPolicies first: shares refer to the one and need the other.
    all.sort(
        (a, b) ->
            Boolean.compare(
                !CLUSTER_SCOPED.contains(a.getKind()), !CLUSTER_SCOPED.contains(b.getKind())));
    return all;
  }

  /**
   * Applies one example; AwsAccounts are pointed at the emulator, the rest go to {@value
   * NAMESPACE}.
   */
  @SuppressWarnings("unchecked")
  private static HasMetadata apply(KubernetesClient client, HasMetadata example, MotoServer moto) {
    GenericKubernetesResource resource = (GenericKubernetesResource) example;
    if ("AwsAccount".equals(resource.getKind())) {
      Map<String, Object> spec =
          (Map<String, Object>) resource.getAdditionalProperties().get("spec");
      spec.put("endpoints", Map.of("url", moto.endpoint().toString()));
    } else if (!CLUSTER_SCOPED.contains(resource.getKind())) {
      resource.getMetadata().setNamespace(NAMESPACE);
    }
    return client.resource(resource).serverSideApply();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> bucketsOf(List<HasMetadata> examples) {
    Set<String> buckets = new java.util.TreeSet<>();
    for (HasMetadata example : examples) {
      Object spec = ((GenericKubernetesResource) example).getAdditionalProperties().get("spec");
      if (spec instanceof Map<?, ?> map && map.get("bucket") instanceof Map<?, ?> bucket) {
        buckets.add((String) bucket.get("name"));
      }
      if (spec instanceof Map<?, ?> map && map.get("grants") instanceof List<?> grants) {
        grants.forEach(g -> buckets.add((String) ((Map<String, Object>) g).get("bucket")));
      }
    }
    return buckets;
  }

  /** What {@code s3share audit} prints for the sandbox: who can reach what, and the findings. */
  private static void printAudit(KubernetesClient client) {
    say("Who can reach what (s3share audit):");
    try (Session session =
        new Session(
            client,
            new AwsClientFactory(SandboxAws.credentials(), List.of()),
            Optional.of(OperatorConfig.defaults().installationId()))) {
      System.out.print(AuditRenderer.render(AuditCommand.run(session), OutputFormat.table));
    }
  }

  private static void printNextSteps(Path kubeconfig) {
    Path kubectl = TestEnvironment.kubeBinariesDir().resolve("kubectl");
    String k = kubectl + " --kubeconfig " + kubeconfig;
    System.out.println(
        """

        Look around while the sandbox runs:
          %1$s get awsaccounts,sharingpolicies,sharedbuckets,bucketshares,crossaccountroles -A
          %1$s -n %2$s describe bucketshare reports-for-analytics
          %1$s -n %2$s get events

        To run the operator against a real cluster and real AWS instead: install the CRDs from
        crds/, create an AwsAccount without spec.endpoints whose role trusts the operator's
        identity (IRSA or EKS Pod Identity), and run io.s3share.operator.Main with your
        kubeconfig and AWS credentials (see the README).
        """
            .formatted(k, NAMESPACE));
  }

  private static void holdUntilInterrupted() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void say(String line) {
    System.out.println("==> " + line);
  }
}
