package io.s3share.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import java.time.Duration;
import java.util.List;

/**
 * Removes what an IT class created outside its namespace, so the next class on the same API server
 * starts clean: every class's operator watches all namespaces and every AwsAccount.
 */
public final class ClusterScoped {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private ClusterScoped() {}

  /**
   * Deletes the BucketShares and CrossAccountRoles left in the class's namespace and waits until
   * their finalizers have run. Call it first, while the operator and the AwsAccounts they use are
   * still there: a bare API server never deletes a namespace's contents.
   */
  public static void removeTenantResources(OperatorUnderTest operator) {
    String namespace = operator.namespace();
    operator.client.resources(BucketShare.class).inNamespace(namespace).delete();
    operator.client.resources(CrossAccountRole.class).inNamespace(namespace).delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(
                      operator
                          .client
                          .resources(BucketShare.class)
                          .inNamespace(namespace)
                          .list()
                          .getItems())
                  .as("BucketShares left in %s", namespace)
                  .isEmpty();
              assertThat(
                      operator
                          .client
                          .resources(CrossAccountRole.class)
                          .inNamespace(namespace)
                          .list()
                          .getItems())
                  .as("CrossAccountRoles left in %s", namespace)
                  .isEmpty();
            });
  }

  /** Deletes the named cluster-scoped objects of one kind and waits until they are gone. */
  public static void remove(
      KubernetesClient client, Class<? extends HasMetadata> kind, List<String> names) {
    names.forEach(name -> client.resources(kind).withName(name).delete());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(names)
                    .as("%s still present", kind.getSimpleName())
                    .allSatisfy(
                        name -> assertThat(client.resources(kind).withName(name).get()).isNull()));
  }

  public static void remove(
      KubernetesClient client, Class<? extends HasMetadata> kind, String... names) {
    remove(client, kind, List.of(names));
  }
}
