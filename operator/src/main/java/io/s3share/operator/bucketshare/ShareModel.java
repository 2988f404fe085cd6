package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.InvalidShareException;
import io.s3share.operator.policy.ShareIntent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the pure desired state of a share from its spec; no I/O. */
public final class ShareModel {

  private ShareModel() {}

  /**
   * The share's intent. The CRD schema already rejects most bad input at admission; this is the
   * reconciler's own check for what got past it (e.g. objects stored before a schema change).
   */
  public static ShareIntent intentOf(BucketShare share) {
    BucketShareSpec spec = share.getSpec();
    try {
      return new ShareIntent(
          spec.getBucket().getName(),
          spec.getConsumers().stream().map(ShareModel::grantee).toList(),
          level(spec.getAccess()),
          Set.copyOf(Optional.ofNullable(spec.getActions()).orElse(List.of())),
          Optional.ofNullable(spec.getPrefixes()).orElse(List.of()),
          !Boolean.FALSE.equals(spec.getRequireTls()));
    } catch (InvalidShareException | NullPointerException e) {
      throw new StalledException("InvalidSpec", "The share's spec is invalid: " + e.getMessage());
    }
  }

  public static AccessLevel level(Access access) {
    if (access == null) {
      throw new InvalidShareException("spec.access is required");
    }
    return switch (access) {
      case List -> AccessLevel.LIST;
      case Read -> AccessLevel.READ;
      case Write -> AccessLevel.WRITE;
      case ReadWrite -> AccessLevel.READ_WRITE;
    };
  }

  private static Grantee grantee(Consumer consumer) {
    if (consumer.getAccountId() != null) {
      return Grantee.account(consumer.getAccountId());
    }
    if (consumer.getRoleArn() != null) {
      return Grantee.role(consumer.getRoleArn());
    }
    if (consumer.getOrganizationId() != null) {
      return Grantee.organization(consumer.getOrganizationId());
    }
    throw new InvalidShareException("a consumer sets none of accountId, roleArn, organizationId");
  }
}
