package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantsTest {

  private static final String BUCKET_ARN = "arn:aws:s3:::data";
  private static final Conditions TLS =
      Conditions.of(Conditions.BOOL, "aws:SecureTransport", List.of("true"));

  private static List<Permission> permissions(
      AccessLevel access, Set<String> extras, List<String> prefixes, boolean tls) {
    return Grants.permissions("data", access, extras, prefixes, tls);
  }

  private static Permission permission(
      List<String> actions, List<String> resources, Conditions conditions) {
    return Permission.of(actions, resources, conditions);
  }

  @Test
  void listWithoutPrefixesIsOneBucketGrant() {
    assertThat(permissions(AccessLevel.LIST, Set.of(), List.of(), false))
        .containsExactly(
            permission(
                List.of("s3:GetBucketLocation", "s3:ListBucket"),
                List.of(BUCKET_ARN),
                Conditions.none()));
  }

  @Test
  void readWithoutPrefixesCoversTheWholeBucket() {
    assertThat(permissions(AccessLevel.READ, Set.of(), List.of(), false))
        .containsExactly(
            permission(
                List.of("s3:GetBucketLocation", "s3:ListBucket"),
                List.of(BUCKET_ARN),
                Conditions.none()),
            permission(
                List.of("s3:GetObject", "s3:GetObjectVersion"),
                List.of(BUCKET_ARN + "/*"),
                Conditions.none()));
  }

  @Test
  void readWithPrefixesLimitsListingButNotGetBucketLocation() {
    Conditions listing =
        Conditions.of(Conditions.STRING_LIKE, "s3:prefix", List.of("a/", "a/*", "b/", "b/*"));
    assertThat(permissions(AccessLevel.READ, Set.of(), List.of("a/", "b/"), false))
        .containsExactly(
            permission(List.of("s3:ListBucket"), List.of(BUCKET_ARN), listing),
            permission(List.of("s3:GetBucketLocation"), List.of(BUCKET_ARN), Conditions.none()),
            permission(
                List.of("s3:GetObject", "s3:GetObjectVersion"),
                List.of(BUCKET_ARN + "/a/*", BUCKET_ARN + "/b/*"),
                Conditions.none()));
  }

  @Test
  void writeIsObjectsOnly() {
    assertThat(permissions(AccessLevel.WRITE, Set.of(), List.of("in/"), true))
        .containsExactly(
            permission(
                List.of("s3:AbortMultipartUpload", "s3:PutObject"),
                List.of(BUCKET_ARN + "/in/*"),
                TLS));
  }

  @Test
  void readWriteAddsDelete() {
    List<Permission> result = permissions(AccessLevel.READ_WRITE, Set.of(), List.of(), false);
    assertThat(result).hasSize(2);
    assertThat(result.get(1).actions())
        .containsExactly(
            "s3:AbortMultipartUpload",
            "s3:DeleteObject",
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:PutObject");
  }

  @Test
  void requireTlsConditionsEveryGrant() {
    assertThat(permissions(AccessLevel.READ_WRITE, Set.of(), List.of("x/"), true))
        .hasSize(3)
        .allSatisfy(
            p ->
                assertThat(p.conditions().values(Conditions.BOOL, "aws:SecureTransport"))
                    .contains(Sorted.copyOf(List.of("true"))));
  }

  @Test
  void extrasJoinTheGrantOfTheirScope() {
    List<Permission> result =
        permissions(
            AccessLevel.WRITE,
            Set.of("s3:PutObjectTagging", "s3:GetBucketVersioning", "s3:ListBucketVersions"),
            List.of("in/"),
            false);
    assertThat(result)
        .containsExactly(
            // Version listing reveals key names like ListBucket, so it keeps the prefix limit.
            permission(
                List.of("s3:ListBucketVersions"),
                List.of(BUCKET_ARN),
                Conditions.of(Conditions.STRING_LIKE, "s3:prefix", List.of("in/", "in/*"))),
            permission(List.of("s3:GetBucketVersioning"), List.of(BUCKET_ARN), Conditions.none()),
            permission(
                List.of("s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectTagging"),
                List.of(BUCKET_ARN + "/in/*"),
                Conditions.none()));
  }

  @Test
  void forShareRepeatsThePermissionsForEveryGrantee() {
    ShareIntent intent =
        new ShareIntent(
            "data",
            List.of(Grantee.account("222222222222"), Grantee.organization("o-abcdefghij")),
            AccessLevel.READ,
            Set.of(),
            List.of(),
            false);
    List<Grant> grants = Grants.forShare(intent);
    assertThat(grants).hasSize(4);
    assertThat(grants)
        .extracting(Grant::grantee)
        .containsOnly(intent.grantees().toArray(Grantee[]::new));
  }

  @Test
  void unknownOrDangerousExtrasAreRejected() {
    for (String action :
        List.of("s3:*", "*", "s3:PutBucketPolicy", "s3:PutObjectAcl", "iam:PassRole")) {
      assertThatThrownBy(() -> permissions(AccessLevel.READ, Set.of(action), List.of(), false))
          .isInstanceOf(InvalidShareException.class)
          .hasMessageContaining(action);
    }
  }

  @Test
  void wildcardsAndVariablesInPrefixesAreRejected() {
    for (String prefix : List.of("", "a*", "a?", "home/${aws:username}/")) {
      assertThatThrownBy(() -> permissions(AccessLevel.READ, Set.of(), List.of(prefix), false))
          .isInstanceOf(InvalidShareException.class);
    }
  }
}
