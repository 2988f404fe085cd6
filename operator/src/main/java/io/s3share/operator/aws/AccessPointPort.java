package io.s3share.operator.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 access points of one account. Control-plane calls cannot cross accounts, so every call
 * names the account the access point lives in.
 */
public interface AccessPointPort {

  /** An access point as AWS describes it; {@code vpcId} is empty for Internet access points. */
  record AccessPoint(String name, String bucket, String arn, String alias, Optional<String> vpcId) {
    public AccessPoint {
      vpcId = vpcId == null ? Optional.empty() : vpcId;
    }
  }

  /** The id of the account these calls act in. */
  String account();

  /** The access point, or empty when there is none of that name. */
  Optional<AccessPoint> find(String name);

  /**
   * Creates an access point with the given tags. AWS answers a conflict for a taken name (moto
   * silently replaces it), so callers look first with {@link #find}.
   */
  AccessPoint create(String name, String bucket, Optional<String> vpcId, Map<String, String> tags);

  /** The access point's tags; empty when it has none. */
  Map<String, String> tags(String arn);

  /** Removes the given tag keys. */
  void untag(String arn, List<String> keys);

  /** The access point's policy, or empty when it has none or the access point is gone. */
  Optional<String> policy(String name);

  void putPolicy(String name, String policy);

  /** Deletes the policy; a missing policy or access point counts as done. */
  void deletePolicy(String name);

  /** Deletes the access point; a missing one counts as done. */
  void delete(String name);

  /** Every access point on the bucket whose name starts with {@code prefix}. */
  List<AccessPoint> listOn(String bucket, String prefix);
}
