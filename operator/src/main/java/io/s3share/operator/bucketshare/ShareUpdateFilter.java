package io.s3share.operator.bucketshare;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.expiry.Term;
import io.s3share.operator.kube.Annotations;
import java.util.Objects;

/**
 * Which updates of a BucketShare are worth a reconcile: a spec change (a new generation), the
 * finalizer or deletion, and the annotations people set to ask for something. Status patches,
 * including the operator's own, are not, so they cost no extra bucket-policy read.
 */
public final class ShareUpdateFilter implements OnUpdateFilter<BucketShare> {

  @Override
  public boolean accept(BucketShare updated, BucketShare old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        // The moment of deletion, as JOSDK's own filter: later status patches of a share stuck in
        // deletion must not re-run its cleanup at once.
        || updated.isMarkedForDeletion() && !old.isMarkedForDeletion()
        || !Objects.equals(now.getFinalizers(), before.getFinalizers())
        || changed(updated, old, Term.REVIEWED_AT)
        || changed(updated, old, Annotations.ABANDON_AWS_RESOURCES);
  }

  private static boolean changed(BucketShare updated, BucketShare old, String annotation) {
    return !Annotations.get(updated, annotation).equals(Annotations.get(old, annotation));
  }
}
