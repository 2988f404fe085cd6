package io.s3share.operator.evaluation;

/** A role a consumer assumes to reach a bucket: its ARN, trust policy and permissions. */
public record RoleDocuments(
    String roleArn, PolicyDocument trustPolicy, IdentityDocuments permissions) {

  public static RoleDocuments parse(
      String roleArn, String trustJson, IdentityDocuments permissions) {
    return new RoleDocuments(roleArn, PolicyDocument.parse("trust-policy", trustJson), permissions);
  }
}
