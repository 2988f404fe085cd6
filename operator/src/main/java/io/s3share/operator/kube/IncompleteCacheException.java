package io.s3share.operator.kube;

/**
 * The informer cache does not hold what this reconcile knows exists, as while the operator stops
 * and its informers are torn down. A plan made from such a cache would remove grants that are still
 * declared, so nothing is written; the next reconcile, on a whole cache, converges.
 */
public final class IncompleteCacheException extends RuntimeException {

  public static final String REASON = "CacheIncomplete";

  public IncompleteCacheException(String message) {
    super(message);
  }
}
