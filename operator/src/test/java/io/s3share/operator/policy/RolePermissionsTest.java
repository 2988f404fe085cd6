package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RolePermissionsTest {

  @Test
  void readWithPrefixesIsTheSameMinimalSetAsABucketShareWithoutPrincipal() {
    RolePermissions permissions =
        new RolePermissions(
            List.of(
                new RolePermissions.BucketGrant(
                    "example-reports", AccessLevel.READ, Set.of(), List.of("reports/"))));

    assertThat(permissions.toJsonNode())
        .isEqualTo(
            PolicyJson.read(
                """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"S3ShareGrant0","Effect":"Allow","Action":["s3:ListBucket"],
                  "Resource":["arn:aws:s3:::example-reports"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]},
                               "StringLike":{"s3:prefix":["reports/","reports/*"]}}},
                 {"Sid":"S3ShareGrant1","Effect":"Allow","Action":["s3:GetBucketLocation"],
                  "Resource":["arn:aws:s3:::example-reports"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]}}},
                 {"Sid":"S3ShareGrant2","Effect":"Allow",
                  "Action":["s3:GetObject","s3:GetObjectVersion"],
                  "Resource":["arn:aws:s3:::example-reports/reports/*"],
                  "Condition":{"Bool":{"aws:SecureTransport":["true"]}}}]}"""));
    assertThat(permissions.permissions())
        .isEqualTo(
            Grants.permissions(
                "example-reports", AccessLevel.READ, Set.of(), List.of("reports/"), true));
  }

  @Test
  void repeatedGrantsWriteEachStatementOnce() {
    var grant =
        new RolePermissions.BucketGrant("example-reports", AccessLevel.LIST, Set.of(), List.of());
    RolePermissions twice = new RolePermissions(List.of(grant, grant));

    assertThat(twice.toJson()).isEqualTo(new RolePermissions(List.of(grant)).toJson());
  }

  @Test
  void refusesWhatTheBucketPolicyModelRefuses() {
    assertThatThrownBy(
            () ->
                new RolePermissions(
                    List.of(
                        new RolePermissions.BucketGrant(
                            "example-reports",
                            AccessLevel.READ,
                            Set.of("s3:PutBucketPolicy"),
                            List.of()))))
        .isInstanceOf(InvalidShareException.class)
        .hasMessageContaining("s3:PutBucketPolicy");
    assertThatThrownBy(
            () ->
                new RolePermissions(
                    List.of(
                        new RolePermissions.BucketGrant(
                            "example-reports", AccessLevel.READ, Set.of(), List.of("a/*")))))
        .isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(() -> new RolePermissions(List.of()))
        .isInstanceOf(InvalidShareException.class);
  }

  @Provide
  Arbitrary<RolePermissions> permissions() {
    Arbitrary<RolePermissions.BucketGrant> grant =
        Combinators.combine(
                Arbitraries.of("alpha-data", "beta-logs", "gamma.reports"),
                Arbitraries.of(AccessLevel.values()),
                Arbitraries.subsetOf(ActionAllowList.names()).ofMaxSize(3),
                Arbitraries.of("reports/", "exports/2024/", "in box/", "a=b/")
                    .list()
                    .uniqueElements()
                    .ofMaxSize(2))
            .as(RolePermissions.BucketGrant::new);
    return grant.list().ofMinSize(1).ofMaxSize(4).map(RolePermissions::new);
  }

  @Property(tries = 200)
  void neverGrantsWildcardActionsAndReadsBackTheSameFromIam(
      @ForAll("permissions") RolePermissions permissions, @ForAll long seed) {
    assertThat(permissions.toJson()).doesNotContain("\"s3:*\"").doesNotContain("iam:");
    permissions
        .toJsonNode()
        .get("Statement")
        .forEach(s -> assertThat(s.has("Principal")).isFalse());

    String asIamReturnsIt =
        URLEncoder.encode(
            PolicyJson.write(PolicyVariants.reshape(permissions.toJsonNode(), new Random(seed))),
            StandardCharsets.UTF_8);
    assertThat(PolicyEquivalence.equivalentJson(asIamReturnsIt, permissions.toJson())).isTrue();
    assertThat(permissions.chars()).isEqualTo(PolicySize.minifiedChars(permissions.toJsonNode()));
  }
}
