package io.s3share.benchmark;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.testenv.Crds;
import io.s3share.testenv.MotoProxy;
import io.s3share.testenv.MotoServer;
import io.s3share.testenv.RealKubeApiServer;
import io.s3share.testenv.TestEnvironment;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The servers one benchmark run measures on: its own kube-apiserver and moto, a latency-injecting
 * proxy in front of moto that both writers reach AWS through, and an S3 client straight to moto for
 * setting up buckets and reading back what the writers left.
 */
final class Bench implements AutoCloseable {

  static final Region REGION = Region.EU_WEST_1;
  // moto's account when a request names none; the operator reaches it with its base credentials.
  static final String OWNER_ACCOUNT = "123456789012";
  static final String NAMESPACE = "scale";
  static final String AWS_ACCOUNT = "scale-owner";
  static final String INSTALLATION = "scale";
  static final String OPERATOR_KEY = "AKIDSCALEOPERATOR";
  static final String NAIVE_KEY = "AKIDSCALENAIVE";

  final RealKubeApiServer apiServer;
  final MotoServer moto;
  final MotoProxy proxy;
  final KubernetesClient kube;
  final S3Client s3;

  private Bench(
      RealKubeApiServer apiServer,
      MotoServer moto,
      MotoProxy proxy,
      KubernetesClient kube,
      S3Client s3) {
    this.apiServer = apiServer;
    this.moto = moto;
    this.proxy = proxy;
    this.kube = kube;
    this.s3 = s3;
  }

  /** Starts servers of its own: this may run after another benchmark in the same JVM. */
  static Bench start(ScaleSettings settings) {
    RealKubeApiServer apiServer = RealKubeApiServer.startAnother();
    MotoServer moto = MotoServer.start(TestEnvironment.motoServerExecutable());
    MotoProxy proxy = MotoProxy.in(moto.endpoint());
    proxy.latency(settings.latency(), settings.latencyByService());
    KubernetesClient kube = apiServer.newClient();
    S3Client s3 = s3(moto.endpoint(), "AKIDSCALEADMIN");
    Bench bench = new Bench(apiServer, moto, proxy, kube, s3);
    Crds.applyAndAwait(kube, Crds.filesIn(settings.projectDir().resolve("crds")));
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    return bench;
  }

  /** An S3 client of moto's default account at {@code endpoint}, signing with {@code accessKey}. */
  static S3Client s3(URI endpoint, String accessKey) {
    return S3Client.builder()
        .region(REGION)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "testing")))
        .build();
  }

  /** The AwsAccount through which the operator reaches moto's default account via the proxy. */
  void applyAccount() {
    AwsAccount account = new AwsAccount();
    account.setMetadata(new ObjectMetaBuilder().withName(AWS_ACCOUNT).build());
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId(OWNER_ACCOUNT);
    spec.setRegion(REGION.id());
    EndpointsSpec endpoints = new EndpointsSpec();
    endpoints.setUrl(proxy.endpoint().toString());
    spec.setEndpoints(endpoints);
    account.setSpec(spec);
    kube.resource(account).serverSideApply();
  }

  /** {@code count} empty buckets named {@code prefix-00}, {@code prefix-01}, … */
  List<String> createBuckets(String prefix, int count) {
    List<String> names =
        IntStream.range(0, count).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
    for (String bucket : names) {
      s3.createBucket(
          b ->
              b.bucket(bucket)
                  .createBucketConfiguration(
                      c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    }
    return names;
  }

  /** The bucket's policy as moto holds it now, read directly, or empty when it has none. */
  Optional<String> policy(String bucket) {
    try {
      return Optional.of(s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates the resources from {@code threads} threads at once, as a burst of applies would. */
  <T extends HasMetadata> void createAll(List<T> resources, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> created = new ArrayList<>();
      for (T r : resources) {
        created.add(pool.submit(() -> kube.resource(r).create()));
      }
      for (Future<T> f : created) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating a resource failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating resources", e);
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    s3.close();
    kube.close();
    proxy.close();
    moto.close();
    apiServer.stop();
  }
}
