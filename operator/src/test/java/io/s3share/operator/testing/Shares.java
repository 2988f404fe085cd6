package io.s3share.operator.testing;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketRef;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.status.Conditions;
import java.util.List;
import java.util.Optional;

/** Builds BucketShare resources and reads their conditions, for tests. */
public final class Shares {

  private Shares() {}

  public static BucketShare share(
      String namespace,
      String name,
      String accountRef,
      String bucket,
      Access access,
      List<Consumer> consumers,
      List<String> prefixes) {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    BucketShareSpec spec = new BucketShareSpec();
    BucketRef ref = new BucketRef();
    ref.setName(bucket);
    ref.setAccountRef(accountRef);
    spec.setBucket(ref);
    spec.setAccess(access);
    spec.setConsumers(consumers);
    spec.setPrefixes(prefixes.isEmpty() ? null : prefixes);
    share.setSpec(spec);
    return share;
  }

  public static BucketShare retained(BucketShare share) {
    share.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    return share;
  }

  public static Optional<Condition> condition(BucketShare share, String type) {
    return share == null || share.getStatus() == null
        ? Optional.empty()
        : Conditions.find(share.getStatus().getConditions(), type);
  }

  /** A condition of any of our kinds, tolerating a missing status. */
  public static Optional<Condition> conditionOf(
      io.fabric8.kubernetes.api.model.HasMetadata resource, String type) {
    Object status =
        resource instanceof BucketShare share
            ? share.getStatus()
            : resource instanceof io.s3share.operator.api.v1alpha1.CrossAccountRole role
                ? role.getStatus()
                : null;
    return status instanceof io.s3share.operator.api.v1alpha1.ConditionedStatus conditioned
        ? Conditions.find(conditioned.getConditions(), type)
        : Optional.empty();
  }

  /** The Ready condition's status of any of our kinds, "none" while there is none. */
  public static String readyOf(io.fabric8.kubernetes.api.model.HasMetadata resource) {
    return conditionOf(resource, Conditions.READY).map(Condition::getStatus).orElse("none");
  }

  /** "True/Granted" style summary of the Ready condition, for readable assertions. */
  public static String ready(BucketShare share) {
    return condition(share, Conditions.READY)
        .map(c -> c.getStatus() + "/" + c.getReason())
        .orElse("none");
  }

  public static String stalledReason(BucketShare share) {
    return condition(share, Conditions.STALLED)
        .filter(c -> "True".equals(c.getStatus()))
        .map(Condition::getReason)
        .orElse("none");
  }
}
