package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.accesspoint.AccessPointPolicies;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointStatus;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.DeletionPolicy;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.policy.ActionAllowList;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.Shares;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Nothing the operator writes makes a bucket or an access point public, by S3's definition ({@link
 * PublicStatements}): over arbitrary shares of every consumer kind, access level, prefix, method
 * and deletion policy, every statement of every planned document is non-public, and a planned
 * bucket policy is public exactly when a foreign statement already made it so.
 */
class NothingWeWriteIsPublicTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final String OWNER = "111122223333";
  static final String BUCKET = "team-a-data";
  static final String AP_PREFIX = "arn:aws:s3:eu-west-1:" + OWNER + ":accesspoint/s3s-unit-";
  static final BucketPlanner.AccessPointScope SCOPE =
      new BucketPlanner.AccessPointScope(BUCKET, OWNER, AP_PREFIX + "*", Map.of());

  /** Statements someone else wrote: public ones by each of S3's rules, and non-public ones. */
  static final Map<String, Boolean> FOREIGN =
      Map.of(
          "{\"Sid\":\"ForeignOpen\",\"Effect\":\"Allow\",\"Principal\":\"*\","
              + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::team-a-data/*\"}",
          true,
          "{\"Sid\":\"ForeignAnyVpc\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
              + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::team-a-data/*\","
              + "\"Condition\":{\"StringLike\":{\"aws:SourceVpc\":\"vpc-*\"}}}",
          true,
          "{\"Sid\":\"ForeignWideIp\",\"Effect\":\"Allow\",\"Principal\":\"*\","
              + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::team-a-data/*\","
              + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/1\"}}}",
          true,
          "{\"Sid\":\"ForeignPartner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
              + "\"arn:aws:iam::999988887777:root\"},\"Action\":\"s3:GetObject\","
              + "\"Resource\":\"arn:aws:s3:::team-a-data/*\"}",
          false,
          "{\"Sid\":\"ForeignDenyAll\",\"Effect\":\"Deny\",\"Principal\":\"*\","
              + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::team-a-data/*\"}",
          false);

  @Provide
  Arbitrary<Consumer> consumer() {
    Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(12);
    return Arbitraries.oneOf(
        account.map(Consumer::account),
        Combinators.combine(account, Arbitraries.of("reader", "etl/loader", "x+y=z,@.-"))
            .as((id, name) -> Consumer.role("arn:aws:iam::" + id + ":role/" + name)),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .ofMinLength(10)
            .ofMaxLength(12)
            .map(suffix -> Consumer.organization("o-" + suffix)));
  }

  @Provide
  Arbitrary<BucketShare> share() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
            consumer().list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(Access.values()),
            Arbitraries.subsetOf(ActionAllowList.names()).ofMaxSize(2),
            Arbitraries.of("reports/", "exports/2024/", "in box/", "a=b/")
                .list()
                .uniqueElements()
                .ofMaxSize(2),
            Arbitraries.of(ShareVia.values()),
            Arbitraries.of(true, false),
            Arbitraries.of(DeletionPolicy.values()))
        .as(
            (name, consumers, access, actions, prefixes, via, tls, deletion) -> {
              BucketShare share =
                  Shares.share("team-a", name, "owner", BUCKET, access, consumers, prefixes);
              share.getSpec().setActions(actions.isEmpty() ? null : new ArrayList<>(actions));
              share.getSpec().setVia(via);
              share.getSpec().setRequireTls(tls);
              share.getSpec().setDeletionPolicy(deletion);
              share.getMetadata().setUid("uid-" + name);
              share.getMetadata().setGeneration(1L);
              if (via != ShareVia.BucketPolicy) {
                // An access point share as its reconcile leaves it: its method and access point.
                share.setStatus(new BucketShareStatus());
                share.getStatus().setGrantedVia(via == ShareVia.Auto ? null : ShareVia.AccessPoint);
                share
                    .getStatus()
                    .setAccessPoint(
                        new AccessPointStatus(
                            "s3s-unit-" + name, AP_PREFIX + name, "alias", null, null));
              }
              return share;
            });
  }

  @Provide
  Arbitrary<List<BucketShare>> shares() {
    return share().list().ofMinSize(1).ofMaxSize(6).uniqueElements(s -> s.getMetadata().getName());
  }

  @Provide
  Arbitrary<List<String>> foreign() {
    return Arbitraries.subsetOf(FOREIGN.keySet()).map(ArrayList::new);
  }

  @Property(tries = 300)
  void aPlannedBucketPolicyIsPublicOnlyThroughForeignStatements(
      @ForAll("shares") List<BucketShare> shares,
      @ForAll("foreign") List<String> foreign,
      @ForAll @IntRange(min = -1, max = 5) int leavingIndex) {
    Optional<String> current =
        foreign.isEmpty()
            ? Optional.empty()
            : Optional.of(PublicStatementsTest.policy(foreign.toArray(String[]::new)));
    // Sometimes one share is being deleted now: a retained one hands its grants over.
    Optional<BucketShare> leaving =
        leavingIndex >= 0 && leavingIndex < shares.size()
            ? Optional.of(deleting(shares.get(leavingIndex)))
            : Optional.empty();

    BudgetedMerge.Plan plan =
        new BucketPlanner(NS)
            .planner(() -> shares, leaving, s -> true, SCOPE)
            .plan(current, Set.of());
    String written = plan.merge().document().orElse(PublicStatementsTest.policy());

    List<String> foreignPublic =
        foreign.stream().filter(FOREIGN::get).map(s -> s.substring(8, s.indexOf('"', 8))).toList();
    assertThat(PublicStatements.of(written)).containsExactlyInAnyOrderElementsOf(foreignPublic);
    Statistics.label("delegation planned").collect(written.contains("s3:DataAccessPointArn"));
    Statistics.label("handed over").collect(written.contains("S3ShareRetained"));
    Statistics.label("delegation planned").coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  @Property(tries = 300)
  void noAccessPointPolicyWePlanIsPublic(@ForAll("share") BucketShare share) {
    String arn = AP_PREFIX + share.getMetadata().getName();
    String policy =
        AccessPointPolicies.plan(
                Optional.empty(), BucketPlanner.id(share), ShareModel.intentOf(share), arn, NS)
            .merge()
            .document()
            .orElseThrow();

    assertThat(PublicStatements.ofAccessPointPolicy(policy)).isEmpty();
    // By the bucket rule too: an access point policy must be non-public under either.
    assertThat(PublicStatements.of(policy)).isEmpty();
  }

  private static BucketShare deleting(BucketShare share) {
    share.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    return share;
  }
}
