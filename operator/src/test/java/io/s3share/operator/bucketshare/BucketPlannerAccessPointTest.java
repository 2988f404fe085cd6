package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AccessPointStatus;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.policy.RetainedStatements;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.Shares;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How shares through access points show up in their bucket's policy: one delegation, no grants. */
class BucketPlannerAccessPointTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final BucketPlanner.AccessPointScope SCOPE =
      new BucketPlanner.AccessPointScope(
          "team-a-data",
          "111122223333",
          "arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-*",
          Map.of());
  final BucketPlanner planner = new BucketPlanner(NS);

  @Test
  void accessPointSharesAddOneDelegationAndNoGrantsWhateverTheirNumber() {
    String one = plan(List.of(share("ap-0", ShareVia.AccessPoint, "222222222200")));
    List<BucketShare> many = new ArrayList<>();
    IntStream.range(0, 500)
        .forEach(i -> many.add(share("ap-" + i, ShareVia.AccessPoint, "2222222" + (22000 + i))));
    String lots = plan(many);

    assertThat(lots).isEqualTo(one);
    assertThat(lots).contains("s3:DataAccessPointArn").doesNotContain("222222222200");
  }

  @Test
  void noAccessPointShareNoDelegation() {
    String policy = plan(List.of(share("p", ShareVia.BucketPolicy, "222222222201")));
    assertThat(policy).contains("222222222201").doesNotContain("DataAccessPoint");
  }

  @Test
  void aDeniedAccessPointShareDoesNotKeepTheDelegation() {
    BucketShare denied = share("ap", ShareVia.AccessPoint, "222222222201");
    var result =
        planner
            .planner(() -> List.of(denied), Optional.empty(), s -> s != denied, SCOPE)
            .plan(Optional.empty(), Set.of());
    assertThat(result.merge().document()).isEmpty();
  }

  @Test
  void anAutoShareIsInTheBucketPolicyUntilItChoseAnAccessPoint() {
    BucketShare auto = share("auto", ShareVia.Auto, "222222222201");
    assertThat(plan(List.of(auto))).contains("222222222201").doesNotContain("DataAccessPoint");

    auto.setStatus(new BucketShareStatus());
    auto.getStatus().setGrantedVia(ShareVia.AccessPoint);
    assertThat(plan(List.of(auto))).doesNotContain("222222222201").contains("DataAccessPoint");
  }

  @Test
  void aMethodChosenInThisConvergeCountsBeforeItIsInStatus() {
    BucketShare auto = share("auto", ShareVia.Auto, "222222222201");
    var scope =
        new BucketPlanner.AccessPointScope(
            SCOPE.bucket(),
            SCOPE.ownerAccount(),
            SCOPE.arnPattern(),
            Map.of(BucketPlanner.id(auto), ShareVia.AccessPoint));
    String policy =
        planner
            .planner(() -> List.of(auto), Optional.empty(), s -> true, scope)
            .plan(Optional.empty(), Set.of())
            .merge()
            .document()
            .orElseThrow();
    assertThat(policy).doesNotContain("222222222201").contains("DataAccessPoint");
  }

  @Test
  void aRetainedAccessPointShareHandsOverADelegationToItsOwnArn() {
    BucketShare kept = Shares.retained(share("kept", ShareVia.AccessPoint, "222222222201"));
    String arn = "arn:aws:s3:us-east-1:111122223333:accesspoint/s3s-unit-kept";
    kept.setStatus(new BucketShareStatus());
    kept.getStatus()
        .setAccessPoint(new AccessPointStatus("s3s-unit-kept", arn, "alias", null, null));
    kept.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

    String policy =
        planner
            .planner(() -> List.of(kept), Optional.of(kept), s -> true, SCOPE)
            .plan(Optional.empty(), Set.of())
            .merge()
            .document()
            .orElseThrow();

    assertThat(policy)
        .contains(RetainedStatements.SID_PREFIX)
        .contains("\"s3:DataAccessPointArn\":[\"" + arn + "\"]")
        .doesNotContain(NS.sidPrefix())
        .doesNotContain("222222222201");
  }

  private String plan(List<BucketShare> shares) {
    return planner
        .planner(() -> shares, Optional.empty(), s -> true, SCOPE)
        .plan(Optional.empty(), Set.of())
        .merge()
        .document()
        .orElseThrow();
  }

  private static BucketShare share(String name, ShareVia via, String consumer) {
    BucketShare share =
        Shares.share(
            "team-a",
            name,
            "owner",
            "team-a-data",
            Access.Read,
            List.of(Consumer.account(consumer)),
            List.of());
    share.getSpec().setVia(via);
    share.getMetadata().setUid("uid-" + name);
    share.getMetadata().setGeneration(1L);
    return share;
  }
}
