package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.sandbox.AccessPointBenchmark;
import io.s3share.sandbox.AccessPointRow;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The access point benchmark's own code on a few shares, so that the figures it prints stay
 * meaningful: it runs on servers of its own, as under {@code ./mvnw -Pbenchmark verify}.
 */
class AccessPointBenchmarkIT {

  @Test
  void aFewSharesNeedAtMostThreeWritesEachAndLeaveTheBucketPolicyTheSameSize() throws IOException {
    List<AccessPointRow> rows = AccessPointBenchmark.run(Project.ROOT, 2, 3);

    assertThat(rows).extracting(AccessPointRow::shares).containsExactly(2, 3);
    for (AccessPointRow row : rows) {
      assertThat(row.calls())
          .containsEntry("CreateAccessPoint", row.shares())
          .containsEntry("PutAccessPointPolicy", row.shares())
          .containsKey("PutBucketPolicy");
      assertThat(row.calls().get("PutBucketPolicy")).isBetween(1, row.shares());
      assertThat(row.mutating()).isLessThanOrEqualTo(3 * row.shares());
      assertThat(row.reads()).isPositive();
      // The bucket's foreign statement and the one delegation, whatever the number of shares.
      assertThat(row.statements()).isEqualTo(2);
      assertThat(row.ready()).isGreaterThanOrEqualTo(row.create());
      assertThat(row.heapMib()).isPositive();
    }
    assertThat(rows.get(0).policyBytes()).isPositive().isEqualTo(rows.get(1).policyBytes());
  }
}
