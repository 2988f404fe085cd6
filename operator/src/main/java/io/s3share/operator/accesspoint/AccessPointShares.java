package io.s3share.operator.accesspoint;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.ShareVia;
import java.util.Optional;

/** Which method a share's grants are in; no I/O. */
public final class AccessPointShares {

  private AccessPointShares() {}

  /**
   * BucketPolicy or AccessPoint; empty for a {@code via: Auto} share whose method is not chosen
   * yet. Auto's choice is the one recorded in status at its first grant.
   */
  public static Optional<ShareVia> method(BucketShare share) {
    ShareVia via =
        share.getSpec().getVia() == null ? ShareVia.BucketPolicy : share.getSpec().getVia();
    if (via != ShareVia.Auto) {
      return Optional.of(via);
    }
    return Optional.ofNullable(share.getStatus())
        .map(status -> status.getGrantedVia())
        .filter(chosen -> chosen != ShareVia.Auto);
  }

  /** What the spec asks for; BucketPolicy when it says nothing. */
  public static ShareVia requested(BucketShare share) {
    return share.getSpec().getVia() == null ? ShareVia.BucketPolicy : share.getSpec().getVia();
  }

  public static boolean usesAccessPoint(BucketShare share) {
    return method(share).filter(ShareVia.AccessPoint::equals).isPresent();
  }

  /** A {@code via: Auto} share whose method is still to be chosen. */
  public static boolean undecided(BucketShare share) {
    return method(share).isEmpty();
  }
}
