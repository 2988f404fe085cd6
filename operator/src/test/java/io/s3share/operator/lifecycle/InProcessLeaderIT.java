package io.s3share.operator.lifecycle;

import static io.s3share.operator.lifecycle.ProcessFixtures.leaseHolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.Main;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.config.RuntimeConfig;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A leader that loses its Lease while running halts the JVM, so that only the new leader writes.
 * Closing the operator on purpose ends leadership too, and must not halt: in a pod the JVM is
 * stopping anyway, but a test or an embedding program runs on. If it did halt, this test's JVM
 * would die and the run would report a crashed fork.
 */
class InProcessLeaderIT {

  static final String NAMESPACE = "in-process-leader";
  static final String LEASE = "in-process-leader-it";

  @Test
  void closingALeaderWithTheProductionLeaseSettingsDoesNotHaltTheJvm() {
    try (KubernetesClient client = RealKubeApiServer.shared().newClient();
        AwsClientFactory aws = new AwsClientFactory(MotoAccounts.fakeCredentials(), List.of())) {
      GeneratedCrds.applyAll(client);
      ProcessFixtures.namespace(client, NAMESPACE);
      RuntimeConfig runtime =
          RuntimeConfig.fromEnvironment(
              Map.of("S3SHARE_LEADER_ELECTION_LEASE_NAME", LEASE), () -> NAMESPACE);
      OperatorConfig config =
          new OperatorConfig("inprocess", Duration.ofMinutes(10), Set.of(NAMESPACE), NAMESPACE);
      Main main =
          new Main(client, aws, config, Main.leaderElection(runtime), new SimpleMeterRegistry())
              .start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(leaseHolder(client, NAMESPACE, LEASE)).isPresent());

      main.close();

      // Still running: the JVM was not halted.
      assertThat(main.started()).isFalse();
      assertThat(leaseHolder(client, NAMESPACE, LEASE)).isPresent();
    }
  }
}
