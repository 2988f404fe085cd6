package io.s3share.operator.awsaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferrersTest {

  @Test
  void noReferrersMeansTheAccountMayGo() {
    assertThat(new Referrers(List.of(), List.of()).none()).isTrue();
    assertThat(new Referrers(List.of("a/s"), List.of()).none()).isFalse();
    assertThat(new Referrers(List.of(), List.of("a/r")).none()).isFalse();
  }

  @Test
  void theMessageNamesAFewReferrersCountsTheRestAndSaysWhatToDo() {
    String message =
        new Referrers(List.of("team/e", "team/d", "team/c", "team/b", "team/a"), List.of("ops/r"))
            .message("owner");

    assertThat(message)
        .startsWith(
            "AwsAccount owner is in use by 5 BucketShares (team/a, team/b, team/c and 2 more)")
        .contains(" and 1 CrossAccountRole (ops/r)")
        .contains("Delete them first")
        .contains("s3share.io/abandon-aws-resources=\"true\"")
        .doesNotContain("team/d");
  }

  @Test
  void onlyRolesAreNamedAsRoles() {
    assertThat(new Referrers(List.of(), List.of("ops/r1", "ops/r2")).message("owner"))
        .startsWith("AwsAccount owner is in use by 2 CrossAccountRoles (ops/r1, ops/r2).");
  }

  @Test
  void sharedBucketsKeepTheAccountAndAreNamedWithoutANamespace() {
    Referrers referrers = new Referrers(List.of("team/s"), List.of(), List.of("team-data"));

    assertThat(referrers.none()).isFalse();
    assertThat(new Referrers(List.of(), List.of(), List.of("team-data")).none()).isFalse();
    assertThat(referrers.message("owner"))
        .contains("1 BucketShare (team/s) and 1 SharedBucket (team-data)");
  }
}
