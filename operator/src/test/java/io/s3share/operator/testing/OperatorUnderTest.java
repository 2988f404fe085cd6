package io.s3share.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.Controllers;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.config.SharingPolicyMode;
import io.s3share.testenv.AwsCallCounter;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The real operator (the same {@link Controllers} that {@code Main} wires) running in the test JVM
 * against the real API server, with an AWS factory that counts calls and can inject faults.
 */
public final class OperatorUnderTest {

  public final KubernetesClient client;
  public final AwsCallCounter calls = new AwsCallCounter();
  public final FaultInjector faults = new FaultInjector();
  public final ExpectedBucketOwnerCheck bucketOwners = new ExpectedBucketOwnerCheck();

  /** The operator's own metrics, as Main exports them on /metrics. */
  public final MeterRegistry metrics = new SimpleMeterRegistry();

  public final Controllers controllers;
  public final LocallyRunOperatorExtension extension;

  private OperatorUnderTest(String installationId, Duration resync, SharingPolicyMode mode) {
    this(installationId, resync, mode, Optional.empty());
  }

  private OperatorUnderTest(
      String installationId, Duration resync, SharingPolicyMode mode, Optional<Retry> retry) {
    this(
        new OperatorConfig(installationId, resync, Set.of(), "default").withSharingPolicies(mode),
        retry);
  }

  private OperatorUnderTest(OperatorConfig config, Optional<Retry> retry) {
    Duration resync = config.resyncPeriod();
    this.client = RealKubeApiServer.shared().newClient();
    AwsClientFactory aws =
        new AwsClientFactory(
            MotoAccounts.fakeCredentials(),
            List.of(faults, calls, bucketOwners, new SdkOperationRecorder()),
            faults.wrap(ApacheHttpClient.builder().build()));
    this.controllers = Controllers.create(client, aws, config, Clock.systemUTC(), metrics);
    this.extension =
        LocallyRunOperatorExtension.builder()
            .withKubernetesClient(client)
            .withReconciler(controllers.awsAccounts(), c -> c.withReconciliationMaxInterval(resync))
            .withReconciler(
                controllers.bucketShares(),
                c -> {
                  c.withReconciliationMaxInterval(resync);
                  retry.ifPresent(c::withRetry);
                })
            .withReconciler(
                controllers.crossAccountRoles(),
                c -> {
                  c.withReconciliationMaxInterval(resync);
                  retry.ifPresent(c::withRetry);
                })
            .withReconciler(controllers.sharingPolicies())
            .withReconciler(
                controllers.sharedBuckets(), c -> c.withReconciliationMaxInterval(resync))
            // Written by the operator for the ValidatingAdmissionPolicy; nothing reconciles it.
            .withAdditionalCustomResourceDefinition(SharingPolicyIndex.class)
            .oneNamespacePerClass(true)
            // A bare API server has no namespace controller: deletion never completes.
            .waitForNamespaceDeletion(false)
            .build();
  }

  /**
   * An operator with SharingPolicies DISABLED (the explicit opt-out), so that tests about sharing
   * itself need no SharingPolicy; guardrail tests use {@link #createEnforcing}.
   *
   * @param installationId this operator's Sid namespace
   * @param resync how often resources are re-checked against AWS (short in tests, to see drift
   *     repaired quickly)
   */
  public static OperatorUnderTest create(String installationId, Duration resync) {
    return new OperatorUnderTest(installationId, resync, SharingPolicyMode.Disabled);
  }

  /**
   * Same as {@link #create}, with JOSDK retrying a failed BucketShare or CrossAccountRole reconcile
   * only {@code attempts} times, quickly: the budget production spends over minutes.
   */
  public static OperatorUnderTest createWithRetryBudget(
      String installationId, Duration resync, int attempts) {
    return new OperatorUnderTest(
        installationId,
        resync,
        SharingPolicyMode.Disabled,
        Optional.of(
            new GenericRetry()
                .setMaxAttempts(attempts)
                .setInitialInterval(200)
                .setIntervalMultiplier(1)));
  }

  /**
   * As {@link #create}, with further settings given the way the operator reads them from its
   * environment, e.g. {@code S3SHARE_POLICY_BATCH_TIME}.
   */
  public static OperatorUnderTest createWithSettings(
      String installationId, Duration resync, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("S3SHARE_INSTALLATION_ID", installationId);
    env.put("S3SHARE_RESYNC_PERIOD", resync.toString());
    return new OperatorUnderTest(
        OperatorConfig.fromEnvironment(env).withSharingPolicies(SharingPolicyMode.Disabled),
        Optional.empty());
  }

  /** An operator that enforces SharingPolicies, as production does by default. */
  public static OperatorUnderTest createEnforcing(String installationId, Duration resync) {
    return new OperatorUnderTest(installationId, resync, SharingPolicyMode.Enforce);
  }

  public String namespace() {
    return extension.getNamespace();
  }
}
