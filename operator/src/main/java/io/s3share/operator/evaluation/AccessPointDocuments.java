package io.s3share.operator.evaluation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The access point a request goes through: its ARN ({@code
 * arn:aws:s3:<region>:<account>:accesspoint/<name>}) and its policy, if it has one.
 */
public record AccessPointDocuments(String arn, Optional<PolicyDocument> policy) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:s3:[a-z0-9-]*:\\d{12}:accesspoint/[a-z0-9-]+");

  public AccessPointDocuments {
    // Checked here: the account and the object form are cut out of the ARN later.
    if (arn == null || !ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException(
          "access point '"
              + arn
              + "' must be an ARN like arn:aws:s3:<region>:<account>:accesspoint/<name>");
    }
  }

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
