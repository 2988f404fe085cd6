package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.kube.IncompleteCacheException;
import java.util.List;

/** Refuses to plan a bucket from a cache that does not hold the share being reconciled. */
final class CacheCheck {

  private CacheCheck() {}

  /**
   * The cached shares on the share's bucket, provided they include the share itself when it stays
   * (a share being deleted is left out by the plan anyway). The reconcile was started from this
   * cache, so a view without the share means the cache is being torn down or rebuilt.
   *
   * @throws IncompleteCacheException when the share is missing, so that nothing is written
   */
  static List<BucketShare> including(BucketShare self, boolean leaving, List<BucketShare> cached) {
    String id = BucketPlanner.id(self);
    if (leaving || cached.stream().anyMatch(share -> id.equals(BucketPlanner.id(share)))) {
      return cached;
    }
    throw new IncompleteCacheException(
        "The operator's cache of BucketShares on bucket "
            + self.getSpec().getBucket().getName()
            + " lacks "
            + id
            + ", which is being reconciled: nothing written; retrying.");
  }
}
