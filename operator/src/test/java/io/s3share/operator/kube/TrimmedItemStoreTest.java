package io.s3share.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrimmedItemStoreTest {

  @Test
  void keepsResourcesByNamespaceAndNameWithoutTheirManagedFields() {
    BucketShare share = new BucketShare();
    share.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("team-a")
            .withName("reports")
            .withResourceVersion("7")
            .withLabels(Map.of("app", "reports"))
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .build());
    TrimmedItemStore<BucketShare> store = new TrimmedItemStore<>();

    store.put(store.getKey(share), share);

    BucketShare cached = store.get("team-a/reports");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(cached.getMetadata().getLabels()).containsEntry("app", "reports");
  }

  @Test
  void onlyASingleInformerGetsATrimmedStore() {
    assertThat(TrimmedItemStore.<BucketShare>forNamespaces(Set.of()))
        .as("all namespaces")
        .isPresent();
    assertThat(TrimmedItemStore.<BucketShare>forNamespaces(Set.of("team-a")))
        .as("one namespace")
        .isPresent();
    // One store handed to several informers would be emptied by each one's relist.
    assertThat(TrimmedItemStore.<BucketShare>forNamespaces(Set.of("team-a", "team-b")))
        .as("several namespaces")
        .isEmpty();
  }
}
