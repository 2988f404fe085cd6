package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RoleKeyPermissionsTest {

  private static final String KEY =
      "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String OTHER_KEY =
      "arn:aws:kms:eu-west-1:111122223333:key/0000ffff-12ab-34cd-56ef-1234567890ab";

  private static final String US_KEY =
      "arn:aws:kms:us-east-1:111122223333:key/2222ffff-12ab-34cd-56ef-1234567890ab";

  private static RolePermissions.BucketGrant grant(
      String bucket, AccessLevel access, String... prefixes) {
    return new RolePermissions.BucketGrant(bucket, access, Set.of(), List.of(prefixes));
  }

  @Test
  void readDecryptsThroughS3OnlyForTheGrantedPrefixes() {
    RolePermissions permissions =
        new RolePermissions(List.of(grant("example-reports", AccessLevel.READ, "reports/")))
            .withKeys(
                Map.of(
                    "example-reports", new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false)));

    JsonNode statements = permissions.toJsonNode().get("Statement");
    assertThat(statements.get(statements.size() - 1))
        .isEqualTo(
            PolicyJson.read(
                """
                {"Sid":"S3ShareKey0","Effect":"Allow","Action":["kms:Decrypt"],
                 "Resource":["%s"],
                 "Condition":{"StringEquals":{"kms:ViaService":["s3.eu-west-1.amazonaws.com"]},
                   "StringLike":{"kms:EncryptionContext:aws:s3:arn":
                     ["arn:aws:s3:::example-reports/reports/*"]}}}"""
                    .formatted(KEY)));
  }

  @Test
  void writeGeneratesDataKeysAndDecryptsAndBucketKeysScopeToTheBucket() {
    List<Permission> kms =
        RoleKeyPermissions.of(
            List.of(grant("example-drop", AccessLevel.WRITE, "in/")),
            Map.of("example-drop", new RoleKeyPermissions.BucketKey(KEY, "us-east-1", true)),
            true);

    assertThat(kms).hasSize(1);
    assertThat(kms.get(0).actions()).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    assertThat(
            kms.get(0)
                .conditions()
                .values(Conditions.STRING_LIKE, "kms:EncryptionContext:aws:s3:arn"))
        .contains(new TreeSet<>(List.of("arn:aws:s3:::example-drop")));
  }

  @Test
  void listNeedsNoKeyAndBucketsWithoutAKeyNeedNothing() {
    assertThat(
            RoleKeyPermissions.of(
                List.of(
                    grant("example-listed", AccessLevel.LIST),
                    grant("example-plain", AccessLevel.READ_WRITE)),
                Map.of("example-listed", new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false)),
                true))
        .isEmpty();
  }

  @Test
  void compactsToOneStatementPerKeyAndActionSet() {
    List<Permission> kms =
        RoleKeyPermissions.of(
            List.of(
                grant("example-a", AccessLevel.READ),
                grant("example-b", AccessLevel.READ, "x/"),
                grant("example-c", AccessLevel.READ_WRITE),
                grant("example-d", AccessLevel.READ)),
            Map.of(
                "example-a", new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false),
                "example-b", new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false),
                "example-c", new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false),
                "example-d", new RoleKeyPermissions.BucketKey(OTHER_KEY, "eu-west-1", false)),
            true);

    assertThat(kms).hasSize(3);
    assertThat(kms.get(0).resources()).containsExactly(KEY);
    assertThat(kms.get(0).actions()).containsExactly("kms:Decrypt");
    assertThat(
            kms.get(0)
                .conditions()
                .values(Conditions.STRING_LIKE, "kms:EncryptionContext:aws:s3:arn"))
        .contains(new TreeSet<>(List.of("arn:aws:s3:::example-a/*", "arn:aws:s3:::example-b/x/*")));
    assertThat(kms.get(1).actions()).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    assertThat(kms.get(2).resources()).containsExactly(OTHER_KEY);
  }

  @Test
  void dropsTheEncryptionContextRatherThanTheKeyWhenThePolicyWouldNotFit() {
    List<RolePermissions.BucketGrant> grants = new ArrayList<>();
    Map<String, RoleKeyPermissions.BucketKey> keys = new HashMap<>();
    RolePermissions bare = null;
    // Add buckets until the context no longer fits while the grants alone still do.
    for (int i = 0; i < 200; i++) {
      String bucket = "example-bucket-with-a-long-name-" + i;
      grants.add(grant(bucket, AccessLevel.READ, "some/long/prefix/" + i + "/"));
      keys.put(bucket, new RoleKeyPermissions.BucketKey(KEY, "eu-west-1", false));
      RolePermissions scoped =
          new RolePermissions(grants, RoleKeyPermissions.of(grants, keys, true));
      if (scoped.chars() > RolePermissions.LIMIT_CHARS) {
        bare = new RolePermissions(grants);
        break;
      }
    }
    assertThat(bare).isNotNull();
    assertThat(bare.chars()).isLessThanOrEqualTo(RolePermissions.LIMIT_CHARS);

    RolePermissions fitted = bare.withKeys(keys);

    assertThat(fitted.keyPermissions()).hasSize(1);
    Conditions conditions = fitted.keyPermissions().get(0).conditions();
    assertThat(conditions.values(Conditions.STRING_LIKE, RoleKeyPermissions.CONTEXT_KEY)).isEmpty();
    assertThat(conditions.values(Conditions.STRING_EQUALS, "kms:ViaService")).isPresent();
    assertThat(fitted.chars()).isLessThanOrEqualTo(RolePermissions.LIMIT_CHARS);
  }

  @Provide
  Arbitrary<List<RolePermissions.BucketGrant>> grants() {
    return Combinators.combine(
            Arbitraries.of("alpha-data", "beta-logs", "gamma.reports"),
            Arbitraries.of(AccessLevel.values()),
            Arbitraries.subsetOf(ActionAllowList.names()).ofMaxSize(3),
            Arbitraries.of("reports/", "exports/2024/").list().uniqueElements().ofMaxSize(2))
        .as(RolePermissions.BucketGrant::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<Map<String, RoleKeyPermissions.BucketKey>> keys() {
    // A key serves the Region in its ARN: that is where S3 calls it from.
    Arbitrary<RoleKeyPermissions.BucketKey> key =
        Combinators.combine(Arbitraries.of(KEY, OTHER_KEY, US_KEY), Arbitraries.of(true, false))
            .as(
                (arn, bucketKeys) ->
                    new RoleKeyPermissions.BucketKey(arn, arn.split(":")[3], bucketKeys));
    return Arbitraries.maps(Arbitraries.of("alpha-data", "beta-logs", "gamma.reports"), key)
        .ofMaxSize(3);
  }

  /** The kms: actions on a key never exceed what the grants on the buckets using it need. */
  @Property(tries = 300)
  void kmsActionsNeverExceedWhatTheGrantsAccessNeeds(
      @ForAll("grants") List<RolePermissions.BucketGrant> grants,
      @ForAll("keys") Map<String, RoleKeyPermissions.BucketKey> keys,
      @ForAll boolean scoped) {
    Map<String, SortedSet<String>> needed = new HashMap<>();
    for (RolePermissions.BucketGrant grant : grants) {
      RoleKeyPermissions.BucketKey key = keys.get(grant.bucket());
      if (key == null) {
        continue;
      }
      SortedSet<String> s3 = Grants.actionsOf(grant.access(), grant.extraActions());
      SortedSet<String> kms = needed.computeIfAbsent(key.keyArn(), k -> new TreeSet<>());
      if (s3.contains("s3:GetObject") || s3.contains("s3:GetObjectVersion")) {
        kms.add("kms:Decrypt");
      }
      if (s3.contains("s3:PutObject")) {
        kms.addAll(List.of("kms:Decrypt", "kms:GenerateDataKey"));
      }
    }

    List<Permission> statements = RoleKeyPermissions.of(grants, keys, scoped);

    Set<String> seen = new java.util.HashSet<>();
    for (Permission statement : statements) {
      assertThat(statement.resources()).hasSize(1);
      String key = statement.resources().first();
      assertThat(needed.getOrDefault(key, new TreeSet<>())).containsAll(statement.actions());
      assertThat(statement.actions()).allMatch(a -> a.startsWith("kms:") && !a.contains("*"));
      assertThat(statement.conditions().values(Conditions.STRING_EQUALS, "kms:ViaService"))
          .hasValueSatisfying(v -> assertThat(v).singleElement().asString().startsWith("s3."));
      assertThat(seen.add(key + statement.actions()))
          .as("one statement per key and action set")
          .isTrue();
    }
    // And every key a grant needs is granted.
    needed.forEach(
        (key, actions) -> {
          if (!actions.isEmpty()) {
            assertThat(statements.stream().filter(s -> s.resources().contains(key)))
                .flatMap(Permission::actions)
                .containsAll(actions);
          }
        });
  }
}
