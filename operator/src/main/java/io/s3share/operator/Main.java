package io.s3share.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.ClusterInstallationId;
import io.s3share.operator.config.InstallationIdUnavailableException;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.config.OwnNamespace;
import io.s3share.operator.config.RuntimeConfig;
import io.s3share.operator.health.HealthServer;
import io.s3share.operator.metrics.AwsCallMetrics;
import io.s3share.operator.metrics.ResourceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator by hand and runs it until the JVM stops. */
public final class Main implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private final Operator operator;
  private final Controllers controllers;
  private final AtomicBoolean started = new AtomicBoolean();
  private final ResourceMetrics resourceMetrics;

  /**
   * @param client the cluster to watch; the caller closes it
   * @param awsFactory builds the SDK clients; its base credentials are the operator's identity
   */
  public Main(KubernetesClient client, AwsClientFactory awsFactory, OperatorConfig config) {
    this(client, awsFactory, config, Optional.empty(), new SimpleMeterRegistry());
  }

  /**
   * @param leaderElection when present, only the replica holding this Lease reconciles
   * @param metrics receives JOSDK's reconcile metrics and the operator's own
   */
  public Main(
      KubernetesClient client,
      AwsClientFactory awsFactory,
      OperatorConfig config,
      Optional<LeaderElectionConfiguration> leaderElection,
      MeterRegistry metrics) {
    this(
        client,
        awsFactory,
        config,
        leaderElection,
        metrics,
        RuntimeConfig.DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /**
   * @param shutdownTimeout how long {@link #close()} lets reconciles in flight finish after it
   *     stops taking new events; JOSDK's default is to interrupt them at once, which can leave a
   *     policy written but its status not (or a write cut off on the wire)
   */
  public Main(
      KubernetesClient client,
      AwsClientFactory awsFactory,
      OperatorConfig config,
      Optional<LeaderElectionConfiguration> leaderElection,
      MeterRegistry metrics,
      Duration shutdownTimeout) {
    this.controllers = Controllers.create(client, awsFactory, config, Clock.systemUTC(), metrics);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(shutdownTimeout)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
              leaderElection.ifPresent(o::withLeaderElectionConfiguration);
            });
    controllers.registerWith(operator);
    this.resourceMetrics = new ResourceMetrics(metrics, caches(operator));
  }

  /**
   * Each registered kind's informer cache, as JOSDK keeps it for its controller: the resource
   * gauges read these, so that a scrape never calls the API server.
   */
  private static Map<String, Supplier<Stream<? extends HasMetadata>>> caches(Operator operator) {
    Map<String, Supplier<Stream<? extends HasMetadata>>> caches = new TreeMap<>();
    for (RegisteredController<?> registered : operator.getRegisteredControllers()) {
      if (registered instanceof Controller<?> controller) {
        caches.put(
            controller.getConfiguration().getResourceClass().getSimpleName(),
            () -> controller.getEventSourceManager().getControllerEventSource().list());
      }
    }
    return caches;
  }

  /**
   * A Prometheus registry with JVM memory, GC and thread metrics, as the running operator serves it
   * on {@code /metrics}.
   */
  public static PrometheusMeterRegistry prometheusRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    return registry;
  }

  /** Starts the controllers; returns once their caches are in sync (or, as a standby, at once). */
  public Main start() {
    operator.start();
    started.set(true);
    return this;
  }

  /** Whether {@link #start()} has returned. */
  public boolean started() {
    return started.get();
  }

  /**
   * Stops taking new events, lets the reconciles in flight finish (within the shutdown timeout),
   * then stops.
   */
  @Override
  public void close() {
    // Stopping ends leadership on purpose: that must not halt the JVM as a lost Lease does, or a
    // test or an embedding program would die with it.
    STOPPING.set(true);
    started.set(false);
    operator.stop();
    controllers.close();
  }

  /**
   * The Lease settings JOSDK needs, unless leader election is switched off. The identity is the
   * pod's name. A replica that loses the Lease halts, and the kubelet restarts it as a standby, so
   * that only the new leader reconciles; JOSDK's own exit is off because it would also run, and
   * block, inside the shutdown hook on a normal stop.
   */
  public static Optional<LeaderElectionConfiguration> leaderElection(RuntimeConfig runtime) {
    String identity =
        Optional.ofNullable(System.getenv("HOSTNAME"))
            .filter(h -> !h.isBlank())
            .orElseGet(() -> UUID.randomUUID().toString());
    return runtime
        .leaseNamespace()
        .map(
            namespace ->
                new LeaderElectionConfiguration(
                    runtime.leaseName(),
                    namespace,
                    LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                    identity,
                    new LeaderCallbacks(() -> {}, Main::lostLease, leader -> {}),
                    false));
  }

  private static void lostLease() {
    if (!STOPPING.get()) {
      log.error("Lost the leader-election Lease: halting so that only the new leader reconciles");
      Runtime.getRuntime().halt(1);
    }
  }

  public static void main(String[] args) {
    StopSignal signals = StopSignal.install();
    KubernetesClient client = new KubernetesClientBuilder().build();
    OperatorConfig config;
    try {
      config =
          OperatorConfig.fromEnvironment(System.getenv(), () -> ClusterInstallationId.of(client));
    } catch (InstallationIdUnavailableException e) {
      log.error("Cannot start: {}", e.getMessage());
      client.close();
      System.exit(2);
      return;
    }
    RuntimeConfig runtime =
        RuntimeConfig.fromEnvironment(System.getenv(), () -> OwnNamespace.of(client));
    PrometheusMeterRegistry registry = prometheusRegistry();
    AwsClientFactory aws =
        AwsClientFactory.withDefaultCredentials(List.of(new AwsCallMetrics(registry)));
    Main main =
        new Main(client, aws, config, leaderElection(runtime), registry, runtime.shutdownTimeout());
    // Serve /healthz before the caches sync, so that a slow start is not taken for a dead pod.
    HealthServer health = HealthServer.start(runtime.httpPort(), main::started, registry::scrape);
    main.start();
    log.info(
        "s3-share-operator started: installation {} ({}), resync every {}, health and metrics on :{},"
            + " leader election {}",
        config.installationId(),
        System.getenv().getOrDefault(ClusterInstallationId.ENV, "").isBlank()
            ? "derived from the UID of namespace " + ClusterInstallationId.NAMESPACE
            : "from " + ClusterInstallationId.ENV,
        config.resyncPeriod(),
        health.port(),
        runtime
            .leaseNamespace()
            .map(ns -> "Lease " + ns + "/" + runtime.leaseName())
            .orElse("off (S3SHARE_LEADER_ELECTION=false)"));
    Runnable stop =
        once(
            () -> {
              main.close();
              health.close();
              aws.close();
              client.close();
            });
    // Any other way out of the JVM (System.exit elsewhere) still stops in order.
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));
    try {
      String signal = signals.await();
      log.info(
          "{}: taking no new events; waiting up to {} for reconciles in flight",
          signal,
          runtime.shutdownTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop.run();
    log.info("s3-share-operator stopped");
    System.exit(0);
  }

  private static Runnable once(Runnable action) {
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        action.run();
      }
    };
  }
}
