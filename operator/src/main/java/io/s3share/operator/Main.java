package io.s3share.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator by hand and runs it until the JVM stops. */
public final class Main implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private final Operator operator;
  private final Controllers controllers;

  /**
   * @param client the cluster to watch; the caller closes it
   * @param awsFactory builds the SDK clients; its base credentials are the operator's identity
   */
  public Main(KubernetesClient client, AwsClientFactory awsFactory, OperatorConfig config) {
    this.controllers = Controllers.create(client, awsFactory, config, Clock.systemUTC());
    this.operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    controllers.registerWith(operator);
  }

  /** Starts the controllers; returns once their caches are in sync. */
  public Main start() {
    operator.start();
    return this;
  }

  @Override
  public void close() {
    operator.stop();
    controllers.close();
  }

  public static void main(String[] args) {
    OperatorConfig config = OperatorConfig.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    AwsClientFactory aws = AwsClientFactory.withDefaultCredentials(List.of());
    Main main = new Main(client, aws, config).start();
    log.info(
        "s3-share-operator started: installation {}, resync every {}",
        config.installationId(),
        config.resyncPeriod());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.close();
                  aws.close();
                  client.close();
                },
                "shutdown"));
  }
}
