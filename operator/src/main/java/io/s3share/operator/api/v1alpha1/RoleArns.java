package io.s3share.operator.api.v1alpha1;

/**
 * The one role-ARN rule every kind validates at admission, so no kind admits what another refuses.
 */
public final class RoleArns {

  /**
   * The partitions an ARN may name: the public one, China and GovCloud. The policy model accepts
   * the same set, so nothing admitted here stalls later as an invalid spec.
   */
  public static final String PARTITIONS = "aws|aws-cn|aws-us-gov";

  /** An IAM role ARN in one of {@link #PARTITIONS}; RE2 and Java read it alike. */
  public static final String PATTERN =
      "^arn:(" + PARTITIONS + "):iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

  /** The CEL rule for a string field holding a role ARN. */
  public static final String RULE = "self.matches('" + PATTERN + "')";

  /** How the messages name the accepted partitions. */
  public static final String PARTITIONS_TEXT = "partition aws, aws-cn or aws-us-gov";

  private RoleArns() {}
}
