package io.s3share.operator.evaluation;

import java.util.regex.Pattern;

/** A role a consumer assumes to reach a bucket: its ARN, trust policy and permissions. */
public record RoleDocuments(
    String roleArn, PolicyDocument trustPolicy, IdentityDocuments permissions) {

  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

  public RoleDocuments {
    if (roleArn == null || !ARN.matcher(roleArn).matches()) {
      throw new IllegalArgumentException(
          "role '" + roleArn + "' must be an ARN like arn:aws:iam::<account>:role/<name>");
    }
  }

  public static RoleDocuments parse(
      String roleArn, String trustJson, IdentityDocuments permissions) {
    return new RoleDocuments(roleArn, PolicyDocument.parse("trust-policy", trustJson), permissions);
  }
}
