package io.s3share.operator.accesspoint;

import io.s3share.operator.aws.AccessPointPort;
import io.s3share.operator.aws.AccessPointPort.AccessPoint;
import io.s3share.operator.kube.StalledException;
import io.s3share.operator.policy.BucketPolicyDocument;
import io.s3share.operator.policy.SidNamespace;
import java.util.Map;
import java.util.Optional;

/**
 * Tells our access points from everyone else's. Ours carry the managed-by tag with this
 * installation's id and the owner tag of their share; an access point without tags counts as ours
 * only when its name has our prefix and its policy has our Sids.
 */
public final class AccessPointOwnership {

  public static final String MANAGED_BY_TAG = "s3share.io/managed-by";
  public static final String OWNER_TAG = "s3share.io/owner";

  private final String managedBy;
  private final AccessPointNames names;
  private final SidNamespace ns;

  public AccessPointOwnership(String installationId, AccessPointNames names, SidNamespace ns) {
    // The same value roles carry, so that one IAM condition covers both.
    this.managedBy = "s3-share-operator-" + installationId;
    this.names = names;
    this.ns = ns;
  }

  /** The tags every access point of the share is created with. */
  public Map<String, String> tagsFor(String shareId) {
    return Map.of(MANAGED_BY_TAG, managedBy, OWNER_TAG, shareId);
  }

  /** Whether the access point belongs to the share; reads its tags, and its policy if untagged. */
  public boolean ownedBy(AccessPointPort port, AccessPoint accessPoint, String shareId) {
    return owner(port, accessPoint).filter(shareId::equals).isPresent();
  }

  /**
   * The share the access point belongs to, when it is ours.
   *
   * @return empty for a foreign access point; {@code "?"} for one of ours without an owner tag
   */
  public Optional<String> owner(AccessPointPort port, AccessPoint accessPoint) {
    Map<String, String> tags = port.tags(accessPoint.arn());
    if (managedBy.equals(tags.get(MANAGED_BY_TAG))) {
      return Optional.of(tags.getOrDefault(OWNER_TAG, "?"));
    }
    if (tags.containsKey(MANAGED_BY_TAG) || !accessPoint.name().startsWith(names.prefix())) {
      return Optional.empty();
    }
    boolean carriesOurSids =
        port.policy(accessPoint.name())
            .map(BucketPolicyDocument::parse)
            .map(
                doc ->
                    doc.statements().stream()
                        .anyMatch(
                            statement ->
                                BucketPolicyDocument.sidOf(statement).filter(ns::owns).isPresent()))
            .orElse(false);
    return carriesOurSids ? Optional.of("?") : Optional.empty();
  }

  /**
   * Stops the share unless the access point of its name is its own.
   *
   * @throws StalledException when the access point is foreign or another share's
   */
  public void requireOwnedBy(AccessPointPort port, AccessPoint accessPoint, String shareId) {
    Optional<String> owner = owner(port, accessPoint);
    if (owner.isEmpty()) {
      throw new StalledException(
          "AccessPointExistsNotManaged",
          "Access point "
              + accessPoint.name()
              + " already exists and was not created by this operator; it is left untouched."
              + " Choose another spec.accessPoint.name, or delete that access point if it is no"
              + " longer used.");
    }
    if (!owner.get().equals("?") && !owner.get().equals(shareId)) {
      throw new StalledException(
          "AccessPointNameInUse",
          "Access point "
              + accessPoint.name()
              + " belongs to BucketShare "
              + owner.get()
              + ". Choose another spec.accessPoint.name.");
    }
  }
}
