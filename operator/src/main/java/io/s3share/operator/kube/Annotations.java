package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/** The annotations users set on the operator's resources to ask for something explicitly. */
public final class Annotations {

  /**
   * {@code "true"} on a BucketShare or CrossAccountRole lets it be deleted without touching AWS:
   * the escape hatch when its AwsAccount is gone or the operator may no longer act in the account.
   */
  public static final String ABANDON_AWS_RESOURCES = "s3share.io/abandon-aws-resources";

  /**
   * On a CrossAccountRole with a generated ExternalId: set to a new value to ask for a new
   * ExternalId. Each new value rotates once.
   */
  public static final String ROTATE_EXTERNAL_ID = "s3share.io/rotate-external-id";

  private Annotations() {}

  /** The annotation's value, if set. */
  public static Optional<String> get(HasMetadata resource, String name) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(name));
  }

  /** Whether the resource asks to be deleted without touching AWS. */
  public static boolean abandonsAwsResources(HasMetadata resource) {
    return get(resource, ABANDON_AWS_RESOURCES).map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }
}
