package io.s3share.operator.evaluation;

import java.util.Optional;

/**
 * The access point a request goes through: its ARN ({@code
 * arn:aws:s3:<region>:<account>:accesspoint/<name>}) and its policy, if it has one.
 */
public record AccessPointDocuments(String arn, Optional<PolicyDocument> policy) {

  public static AccessPointDocuments parse(String arn, String policyJson) {
    return new AccessPointDocuments(
        arn,
        Optional.ofNullable(policyJson).map(p -> PolicyDocument.parse("access-point-policy", p)));
  }

  String accountId() {
    return arn.split(":", 6)[4];
  }

  /** The resource a bucket-form ARN becomes when addressed through this access point. */
  String resourceFor(String bucketResource) {
    int slash = bucketResource.indexOf('/');
    return slash < 0 ? arn : arn + "/object/" + bucketResource.substring(slash + 1);
  }
}
