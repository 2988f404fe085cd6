package io.s3share.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.Main;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AssumeRoleSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.BucketRef;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.status.Conditions;
import io.s3share.testenv.AwsCallCounter;
import io.s3share.testenv.Crds;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How many bucket-policy writes the operator makes when N shares on one bucket arrive at once, and
 * how long they take to be granted against the time just to create them. Prints one row per N; run
 * with {@code ./mvnw -Pbenchmark verify}.
 */
public final class CoalescingBenchmark {

  static final String NAMESPACE = "bench";
  // 150 compacted principals in three statements stay below the 20,480-byte limit; 200 do not.
  static final int[] SHARES = {1, 10, 50, 150};
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private CoalescingBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path project = Path.of(System.getProperty("sandbox.projectDir", ".."));
    RealKubeApiServer apiServer = RealKubeApiServer.shared();
    MotoServer moto = MotoServer.shared();
    try {
      run(project, apiServer, moto);
    } finally {
      moto.close();
      apiServer.stop();
    }
  }

  private static void run(Path project, RealKubeApiServer apiServer, MotoServer moto)
      throws IOException {
    AwsCallCounter calls = new AwsCallCounter();
    // Guardrails are not what is measured here: opt out explicitly.
    OperatorConfig config =
        OperatorConfig.fromEnvironment(Map.of("S3SHARE_SHARING_POLICIES", "Disabled"));
    try (KubernetesClient client = apiServer.newClient();
        SandboxAws aws = new SandboxAws(moto, Sandbox.OWNER_ACCOUNT, Sandbox.REGION);
        AwsClientFactory operatorAws =
            new AwsClientFactory(SandboxAws.credentials(), List.of(calls));
        Main operator = new Main(client, operatorAws, config)) {
      Crds.applyAndAwait(client, Crds.filesIn(project.resolve("crds")));
      aws.createOperatorRole();
      client.resource(ownerAccount(moto)).serverSideApply();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      operator.start();

      System.out.printf(
          "%n%6s %8s %10s %12s %12s %8s %8s%n",
          "shares", "puts", "puts/share", "create ms", "granted ms", "ratio", "heap MB");
      for (int n : SHARES) {
        String bucket = "bench-" + n;
        aws.createBucketWithForeignStatement(bucket);
        calls.reset();
        Instant start = Instant.now();
        IntStream.range(0, n)
            .parallel()
            .forEach(
                i ->
                    client
                        .resource(share(bucket, "s" + n + "-" + i, 300_000_000_000L + i))
                        .serverSideApply());
        long createMs = Duration.between(start, Instant.now()).toMillis();
        awaitGranted(client, bucket, n);
        long grantedMs = Duration.between(start, Instant.now()).toMillis();
        int puts = calls.count("PutBucketPolicy");
        System.out.printf(
            "%6d %8d %10.3f %12d %12d %8.1f %8d%n",
            n,
            puts,
            puts / (double) n,
            createMs,
            grantedMs,
            grantedMs / (double) Math.max(1, createMs),
            heapMb());
      }
      System.out.println(
          """

          puts: PutBucketPolicy calls until every share was granted. create ms: time to create
          the N resources through the API server, a lower bound for granting them. ratio:
          granted ms / create ms. heap MB: used heap of the JVM running the operator, after GC.
          """);
    }
  }

  /** The owner account, reached as in production: by assuming the operator role (on moto). */
  static AwsAccount ownerAccount(MotoServer moto) {
    AwsAccount account = new AwsAccount();
    account.getMetadata().setName("owner");
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId(Sandbox.OWNER_ACCOUNT);
    spec.setRegion(Sandbox.REGION.id());
    AssumeRoleSpec role = new AssumeRoleSpec();
    role.setRoleArn("arn:aws:iam::" + Sandbox.OWNER_ACCOUNT + ":role/" + SandboxAws.OPERATOR_ROLE);
    spec.setAssumeRole(role);
    EndpointsSpec endpoints = new EndpointsSpec();
    endpoints.setUrl(moto.endpoint().toString());
    spec.setEndpoints(endpoints);
    account.setSpec(spec);
    return account;
  }

  private static BucketShare share(String bucket, String name, long consumer) {
    BucketShare share = new BucketShare();
    share.getMetadata().setNamespace(NAMESPACE);
    share.getMetadata().setName(name);
    BucketShareSpec spec = new BucketShareSpec();
    BucketRef ref = new BucketRef();
    ref.setName(bucket);
    ref.setAccountRef("owner");
    spec.setBucket(ref);
    spec.setConsumers(List.of(Consumer.account(String.valueOf(consumer))));
    spec.setAccess(Access.Read);
    spec.setPrefixes(List.of("shared/"));
    share.setSpec(spec);
    return share;
  }

  private static void awaitGranted(KubernetesClient client, String bucket, int n) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      long granted =
          client.resources(BucketShare.class).inNamespace(NAMESPACE).list().getItems().stream()
              .filter(s -> bucket.equals(s.getSpec().getBucket().getName()))
              .filter(
                  s ->
                      s.getStatus() != null
                          && Conditions.find(s.getStatus().getConditions(), Conditions.READY)
                              .filter(c -> "True".equals(c.getStatus()))
                              .isPresent())
              .count();
      if (granted == n) {
        return;
      }
      pause();
    }
    throw new IllegalStateException("not all " + n + " shares on " + bucket + " were granted");
  }

  private static long heapMb() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
