package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.expiry.Term;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which updates reconcile a BucketShare: spec, finalizer, deletion and requests by annotation. */
class ShareUpdateFilterTest {

  final ShareUpdateFilter filter = new ShareUpdateFilter();

  static BucketShare share(long generation, Map<String, String> annotations) {
    BucketShare share = new BucketShare();
    share.setMetadata(
        new ObjectMetaBuilder()
            .withName("reports")
            .withNamespace("team-a")
            .withGeneration(generation)
            .withFinalizers(List.of("bucketshares.s3share.io/finalizer"))
            .withAnnotations(annotations)
            .build());
    return share;
  }

  @Test
  void aStatusOnlyUpdateIsDropped() {
    BucketShare old = share(3, Map.of());
    BucketShare updated = share(3, Map.of());
    updated.setStatus(new BucketShareStatus());
    assertThat(filter.accept(updated, old)).isFalse();
  }

  @Test
  void aSpecChangeFinalizerOrDeletionIsKept() {
    assertThat(filter.accept(share(4, Map.of()), share(3, Map.of()))).isTrue();
    BucketShare withoutFinalizer = share(3, Map.of());
    withoutFinalizer.getMetadata().setFinalizers(List.of());
    assertThat(filter.accept(share(3, Map.of()), withoutFinalizer)).isTrue();
    BucketShare deleted = share(3, Map.of());
    deleted.getMetadata().setDeletionTimestamp("2030-01-01T00:00:00Z");
    assertThat(filter.accept(deleted, share(3, Map.of()))).isTrue();
  }

  @Test
  void aStatusPatchOfAShareStuckInDeletionIsDropped() {
    BucketShare old = share(3, Map.of());
    old.getMetadata().setDeletionTimestamp("2030-01-01T00:00:00Z");
    BucketShare updated = share(3, Map.of());
    updated.getMetadata().setDeletionTimestamp("2030-01-01T00:00:00Z");
    updated.setStatus(new BucketShareStatus());
    assertThat(filter.accept(updated, old)).isFalse();
  }

  @Test
  void recordingAReviewIsKeptButAnUnrelatedAnnotationIsNot() {
    BucketShare old = share(3, Map.of(Term.REVIEWED_AT, "2030-01-01T00:00:00Z"));
    assertThat(filter.accept(share(3, Map.of(Term.REVIEWED_AT, "2030-02-01T00:00:00Z")), old))
        .isTrue();
    assertThat(filter.accept(share(3, Map.of()), old)).isTrue();
    assertThat(
            filter.accept(
                share(3, Map.of(Term.REVIEWED_AT, "2030-01-01T00:00:00Z", "note", "x")), old))
        .isFalse();
  }
}
