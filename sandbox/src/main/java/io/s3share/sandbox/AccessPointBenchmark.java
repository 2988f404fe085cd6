package io.s3share.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.Main;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketRef;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.status.Conditions;
import io.s3share.testenv.AwsCallCounter;
import io.s3share.testenv.Crds;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * How many AWS calls, how much time and how much heap the operator needs when N shares through
 * access points on one bucket arrive at once, and whether the bucket policy stays the same size.
 * Prints one row per N; run with {@code ./mvnw -Pbenchmark verify}.
 */
public final class AccessPointBenchmark {

  static final String NAMESPACE = "apbench";

  /** Comma-separated share counts, e.g. {@code -Dbenchmark.accessPoints.shares=100,1000}. */
  static final String SHARES_PROPERTY = "benchmark.accessPoints.shares";

  static final String DEFAULT_SHARES = "100,1000,5000";

  /** Threads creating shares: the API server, not the client, limits the creation rate. */
  static final int CREATE_THREADS = 8;

  static final Duration TIMEOUT = Duration.ofMinutes(30);

  // Longer than the whole run, so that no share of an earlier N is re-checked during a later one
  // and counted there: the figures are those of the burst, not of steady-state drift checks.
  static final Duration RESYNC = Duration.ofHours(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessPointBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path project = Path.of(System.getProperty("sandbox.projectDir", ".."));
    int[] shares =
        Arrays.stream(System.getProperty(SHARES_PROPERTY, DEFAULT_SHARES).split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
    run(project, shares);
  }

  /**
   * Runs the scenario once per share count, each on a fresh bucket, and prints the table.
   *
   * @param project the repository's root, for the CRDs
   * @throws IllegalStateException when the bucket policy's size differs between share counts
   */
  public static List<AccessPointRow> run(Path project, int... shares) throws IOException {
    // Servers of its own: this may run right after another benchmark in the same JVM.
    RealKubeApiServer apiServer = RealKubeApiServer.startAnother();
    MotoServer moto = MotoServer.start(TestEnvironment.motoServerExecutable());
    try {
      return run(project, apiServer, moto, shares);
    } finally {
      moto.close();
      apiServer.stop();
    }
  }

  private static List<AccessPointRow> run(
      Path project, RealKubeApiServer apiServer, MotoServer moto, int[] shares) throws IOException {
    AwsCallCounter calls = new AwsCallCounter();
    // Guardrails are not what is measured here: opt out explicitly.
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of("S3SHARE_SHARING_POLICIES", "Disabled", "S3SHARE_RESYNC_PERIOD", "" + RESYNC));
    try (KubernetesClient client = apiServer.newClient();
        KubernetesClient benchClient = apiServer.newClient();
        SandboxAws aws = new SandboxAws(moto, Sandbox.OWNER_ACCOUNT, Sandbox.REGION);
        AwsClientFactory operatorAws =
            new AwsClientFactory(SandboxAws.credentials(), List.of(calls));
        Main operator = new Main(client, operatorAws, config)) {
      Crds.applyAndAwait(client, Crds.filesIn(project.resolve("crds")));
      aws.createOperatorRole();
      client.resource(CoalescingBenchmark.ownerAccount(moto)).serverSideApply();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      operator.start();
      // The account's first verification updates its status, which reconciles every share on it
      // once more: let that happen before anything is measured.
      client
          .resources(AwsAccount.class)
          .withName("owner")
          .waitUntilCondition(AccessPointBenchmark::ready, 2, TimeUnit.MINUTES);

      List<AccessPointRow> rows = new ArrayList<>();
      try (GrantWatch watch = new GrantWatch(benchClient, NAMESPACE)) {
        System.out.printf(
            "%nShares through access points on one bucket%n%s%n", AccessPointRow.HEADER);
        for (int n : shares) {
          AccessPointRow row = measure(n, benchClient, aws, calls, watch);
          rows.add(row);
          System.out.println(row.line());
        }
      }
      System.out.println();
      rows.forEach(row -> System.out.println(row.breakdown()));
      System.out.println(AccessPointRow.LEGEND);
      requireConstantPolicySize(rows);
      return rows;
    }
  }

  private static AccessPointRow measure(
      int n, KubernetesClient client, SandboxAws aws, AwsCallCounter calls, GrantWatch watch) {
    // Names of equal length, so that the bucket's ARN in the policy weighs the same for every N.
    String bucket = String.format("apbench-%05d", n);
    aws.createBucketWithForeignStatement(bucket);
    watch.expect(bucket, n);
    calls.reset();
    Instant start = Instant.now();
    create(client, bucket, n);
    Duration create = Duration.between(start, Instant.now());
    Duration ready = Duration.between(start, watch.awaitAll(bucket, TIMEOUT));
    JsonNode policy = policy(aws, bucket);
    return new AccessPointRow(
        n,
        create,
        ready,
        calls.counts(),
        policy.toString().getBytes(StandardCharsets.UTF_8).length,
        policy.path("Statement").size(),
        heapMib());
  }

  /** Creates the shares from a few threads, as a burst of {@code kubectl apply} would. */
  private static void create(KubernetesClient client, String bucket, int n) {
    ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
    try {
      List<Future<BucketShare>> created =
          IntStream.range(0, n)
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              client
                                  .resource(share(bucket, bucket + "-" + i, 300_000_000_000L + i))
                                  .create()))
              .toList();
      for (Future<BucketShare> share : created) {
        share.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating a share failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating shares", e);
    } finally {
      pool.shutdownNow();
    }
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
    // No spec.accessPoint: each share gets the name derived from its namespace and name.
    spec.setVia(ShareVia.AccessPoint);
    share.setSpec(spec);
    return share;
  }

  /** The bucket's policy as S3 returns it, without whitespace, as AWS measures its size. */
  private static JsonNode policy(SandboxAws aws, String bucket) {
    String pretty = aws.bucketPolicy(bucket);
    if (pretty.startsWith("(no policy")) {
      throw new IllegalStateException("bucket " + bucket + " has no policy: " + pretty);
    }
    try {
      return JSON.readTree(pretty);
    } catch (IOException e) {
      throw new IllegalStateException("the policy of " + bucket + " is not JSON", e);
    }
  }

  private static boolean ready(AwsAccount account) {
    return account != null
        && account.getStatus() != null
        && Conditions.find(account.getStatus().getConditions(), Conditions.READY)
            .filter(c -> "True".equals(c.getStatus()))
            .isPresent();
  }

  private static long heapMib() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  /** The delegation is one statement whatever N is: the bucket policy must not grow. */
  private static void requireConstantPolicySize(List<AccessPointRow> rows) {
    long sizes = rows.stream().mapToInt(AccessPointRow::policyBytes).distinct().count();
    if (sizes > 1) {
      throw new IllegalStateException(
          "the bucket policy's size changed with the number of shares: "
              + rows.stream().map(row -> row.shares() + "=" + row.policyBytes()).toList());
    }
  }
}
