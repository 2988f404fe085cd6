package io.s3share.operator.kms;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;

/** Minimal BucketShares for tests that only need a share's identity. */
final class ShareFixtures {

  private ShareFixtures() {}

  static BucketShare bucketShare(String name) {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName(name).build());
    return share;
  }
}
