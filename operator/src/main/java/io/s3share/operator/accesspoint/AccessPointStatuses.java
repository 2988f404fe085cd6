package io.s3share.operator.accesspoint;

import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.PolicySizeStatus;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.status.Outcome;
import java.util.function.Consumer;

/** The parts of a BucketShare's status that describe its access point; no I/O. */
public final class AccessPointStatuses {

  private AccessPointStatuses() {}

  /** Fills in the access point, its policy's size, and what the consumers must attach. */
  public static Consumer<BucketShareStatus> describe(
      AccessPointConverger.Converged converged, ShareIntent intent, String reason) {
    return status -> {
      status.setGrantedVia(ShareVia.AccessPoint);
      status.setGrantedViaReason(reason);
      status.setAccessPoint(converged.status());
      status.setAccessPointPolicy(
          new PolicySizeStatus(converged.policyBytes(), AccessPointPolicies.LIMIT_BYTES));
      status.setConsumerPolicy(
          AccessPointPolicies.consumerPolicy(intent, converged.accessPoint().arn()));
    };
  }

  /** A share granted through the bucket policy carries nothing of access points. */
  public static Consumer<BucketShareStatus> bucketPolicy(String reason) {
    return status -> {
      status.setGrantedVia(ShareVia.BucketPolicy);
      status.setGrantedViaReason(reason);
      status.setAccessPoint(null);
      status.setAccessPointPolicy(null);
      status.setConsumerPolicy(null);
    };
  }

  public static Outcome granted(BucketShare share, AccessPointConverger.Converged converged) {
    return Outcome.ready(
        "Granted",
        "Granted "
            + share.getSpec().getAccess()
            + " on bucket "
            + share.getSpec().getBucket().getName()
            + " to "
            + share.getSpec().getConsumers().size()
            + " consumer(s) through access point "
            + converged.accessPoint().arn()
            + " (alias "
            + converged.accessPoint().alias()
            + "); its policy uses "
            + converged.policyBytes()
            + " of "
            + AccessPointPolicies.LIMIT_BYTES
            + " bytes. Each consumer account must also allow the request in its own identity"
            + " policy: status.consumerPolicy has the statement to attach.");
  }

  public static Outcome replacing(String message) {
    return Outcome.reconciling("ReplacingAccessPoint", message);
  }

  /** Why a share is on the method it is on. */
  public static String reasonFor(ShareVia requested, ShareVia chosen, String autoReason) {
    if (requested != ShareVia.Auto) {
      return "spec.via is " + requested + ".";
    }
    return "via: Auto chose " + chosen + " at the first grant: " + autoReason;
  }
}
