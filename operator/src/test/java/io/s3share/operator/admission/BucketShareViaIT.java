package io.s3share.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.NetworkOrigin;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.testing.GeneratedCrds;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.KubeApiServerExtension;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Updates the corpus cannot express: the API server refuses a change of {@code spec.via} on a
 * stored share, and accepts a change of the access point itself (the operator replaces it). No
 * operator runs here, so the stored shares carry no finalizer.
 */
@ExtendWith(KubeApiServerExtension.class)
class BucketShareViaIT {

  static final String NAMESPACE = "bucket-share-via";
  static final String IMMUTABLE = "spec.via is immutable";

  @BeforeAll
  static void crdsAndNamespace(KubernetesClient client) {
    GeneratedCrds.applyAll(client);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void removeShares(KubernetesClient client) {
    client.resources(BucketShare.class).inNamespace(NAMESPACE).delete();
    // A bare API server never finishes deleting a namespace: leave it.
  }

  @Test
  void viaCannotChangeOnAStoredShare(KubernetesClient client) {
    BucketShare byPolicy = client.resource(share("by-policy", null)).create();
    BucketShare byAccessPoint =
        client.resource(share("by-access-point", ShareVia.AccessPoint)).create();
    BucketShare auto = client.resource(share("auto", ShareVia.Auto)).create();
    assertThat(byPolicy.getSpec().getVia()).as("the default").isEqualTo(ShareVia.BucketPolicy);

    assertRefused(client, byPolicy, s -> s.getSpec().setVia(ShareVia.AccessPoint));
    assertRefused(client, byPolicy, s -> s.getSpec().setVia(ShareVia.Auto));
    assertRefused(client, byAccessPoint, s -> s.getSpec().setVia(ShareVia.BucketPolicy));
    assertRefused(client, byAccessPoint, s -> s.getSpec().setVia(ShareVia.Auto));
    assertRefused(client, auto, s -> s.getSpec().setVia(ShareVia.AccessPoint));
    assertRefused(client, auto, s -> s.getSpec().setVia(ShareVia.BucketPolicy));
  }

  @Test
  void theAccessPointsNameAndOriginMayChange(KubernetesClient client) {
    BucketShare stored = client.resource(share("renamed", ShareVia.AccessPoint)).create();

    BucketShare renamed =
        updated(
            stored,
            s -> {
              s.getSpec().getAccessPoint().setName("reports-v2");
              s.getSpec().getAccessPoint().setNetworkOrigin(NetworkOrigin.VPC);
              s.getSpec().getAccessPoint().setVpcId("vpc-0123456789abcdef0");
            });
    assertThat(client.resource(renamed).dryRun().update().getSpec().getAccessPoint().getName())
        .isEqualTo("reports-v2");
  }

  static void assertRefused(
      KubernetesClient client, BucketShare stored, Consumer<BucketShare> change) {
    BucketShare changed = updated(stored, change);
    assertThatThrownBy(() -> client.resource(changed).dryRun().update())
        .as(
            "%s: via %s to %s",
            stored.getMetadata().getName(), stored.getSpec().getVia(), changed.getSpec().getVia())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(IMMUTABLE);
            });
  }

  static BucketShare updated(BucketShare stored, Consumer<BucketShare> change) {
    BucketShare copy = Serialization.clone(stored);
    change.accept(copy);
    return copy;
  }

  static BucketShare share(String name, ShareVia via) {
    BucketShare share =
        Shares.share(
            NAMESPACE,
            name,
            "owner",
            "team-data",
            Access.Read,
            List.of(io.s3share.operator.api.v1alpha1.Consumer.account("222222222222")),
            List.of("reports/"));
    share.getSpec().setVia(via);
    if (via == ShareVia.AccessPoint) {
      AccessPointSpec accessPoint = new AccessPointSpec();
      accessPoint.setName("reports");
      share.getSpec().setAccessPoint(accessPoint);
    }
    return share;
  }
}
