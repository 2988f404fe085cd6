package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

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

  @Override
  public V put(String key, V resource) {
    if (resource.getMetadata() != null) {
      resource.getMetadata().setManagedFields(null);
    }
    return super.put(key, resource);
  }
}
