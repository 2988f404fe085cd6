package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Optional;
import java.util.Set;

/**
 * An informer cache that keeps each resource without its {@code metadata.managedFields}: the API
 * server's record of which client set which field, as large as the spec itself, that the operator
 * never reads. With ten thousand shares cached it is a good part of the heap.
 *
 * <p>Safe because nothing writes a cached resource back whole expecting its managedFields: status
 * and finalizer patches leave them to the API server, which keeps them when a write omits them.
 */
public final class TrimmedItemStore<V extends HasMetadata> extends BasicItemStore<V> {

  public TrimmedItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  /**
   * A trimmed store for an informer configured with {@code namespaces} (empty: all), when that
   * makes a single informer. JOSDK gives the one store it is configured with to the informer of
   * every namespace, and each informer's relist drops the keys it did not list: a store shared by
   * several would lose the other namespaces' resources, and a bucket's plan made from that cache
   * would drop their grants. With several namespaces each informer keeps fabric8's own store,
   * managedFields and all.
   */
  public static <R extends HasMetadata> Optional<ItemStore<R>> forNamespaces(
      Set<String> namespaces) {
    return namespaces.size() <= 1 ? Optional.of(new TrimmedItemStore<>()) : Optional.empty();
  }

  @Override
  public V put(String key, V resource) {
    if (resource.getMetadata() != null) {
      resource.getMetadata().setManagedFields(null);
    }
    return super.put(key, resource);
  }
}
