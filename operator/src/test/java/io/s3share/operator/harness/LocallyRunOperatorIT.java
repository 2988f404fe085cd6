package io.s3share.operator.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountStatus;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.testenv.RealKubeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves a JOSDK reconciler runs in the test JVM against the real API server. */
class LocallyRunOperatorIT {

  @RegisterExtension
  static final LocallyRunOperatorExtension operator =
      LocallyRunOperatorExtension.builder()
          .withKubernetesClient(RealKubeApiServer.shared().newClient())
          .withReconciler(new ObservingReconciler())
          // A bare API server has no namespace controller: deletion never completes.
          .waitForNamespaceDeletion(false)
          .build();

  @AfterAll
  static void removeAccount() {
    // The extension closes its own client after each test.
    try (var client = RealKubeApiServer.shared().newClient()) {
      ClusterScoped.remove(client, AwsAccount.class, "seen-by-reconciler");
    }
  }

  @Test
  void reconcilerSeesTheCreateAndWritesStatus() {
    AwsAccount account = KubeApiServerIT.account("seen-by-reconciler", "444444444444");
    operator.getKubernetesClient().resource(account).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              AwsAccount stored =
                  operator
                      .getKubernetesClient()
                      .resources(AwsAccount.class)
                      .withName("seen-by-reconciler")
                      .get();
              assertThat(stored.getStatus()).isNotNull();
              assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(1L);
              assertThat(stored.getStatus().getConditions())
                  .singleElement()
                  .satisfies(c -> assertThat(c.getReason()).isEqualTo("SeenByReconciler"));
            });
    assertThat(operator.getReconcilerOfType(ObservingReconciler.class).reconciled.get())
        .isPositive();
  }

  /** Writes a status that can only come from having seen the resource. */
  @ControllerConfiguration
  static class ObservingReconciler implements Reconciler<AwsAccount> {
    final AtomicInteger reconciled = new AtomicInteger();

    @Override
    public UpdateControl<AwsAccount> reconcile(AwsAccount resource, Context<AwsAccount> context) {
      reconciled.incrementAndGet();
      AwsAccountStatus status = new AwsAccountStatus();
      status.setObservedGeneration(resource.getMetadata().getGeneration());
      status.setConditions(
          List.of(
              new ConditionBuilder()
                  .withType("Ready")
                  .withStatus("Unknown")
                  .withReason("SeenByReconciler")
                  .withMessage("account " + resource.getSpec().getAccountId() + " observed")
                  .withLastTransitionTime("2026-01-01T00:00:00Z")
                  .build()));
      AwsAccount patch = new AwsAccount();
      patch.setMetadata(resource.getMetadata());
      patch.setStatus(status);
      return UpdateControl.patchStatus(patch);
    }
  }
}
