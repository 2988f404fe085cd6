package io.s3share.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale benchmark's own code on 6 shares over 2 buckets, so that the figures it prints stay
 * meaningful: the operator's jar as its own JVM, the naive writer beside it, servers of its own.
 */
class ScaleBenchmarkIT {

  @Test
  void aSmallBurstPrintsEveryFigureAndCountsLostStatementsFromAws() {
    ScaleSettings settings =
        ScaleSettings.from(System.getProperties()).withSizes(6, 2, List.of("S1"));
    Checked checked = new Checked();

    List<ScenarioTable> tables = ScaleBenchmark.run(settings, checked);

    assertThat(tables).hasSize(1);
    ScenarioTable s1 = tables.get(0);
    System.out.print(s1.render());
    assertThat(s1.rows())
        .extracting(ScenarioTable.Row::figure)
        .contains(
            Scenarios.PUTS_PER_BUCKET,
            "GetBucketPolicy",
            "mutating AWS calls",
            "status writes",
            "time to all Ready s",
            "lower bound s",
            "time / lower bound",
            Scenarios.LOST,
            "heap after GC MiB, all Ready",
            "RSS MiB, all Ready");
    // The naive writer wrote once per share; the operator at least once per bucket.
    assertThat(s1.find(Scenarios.PUTS_PER_BUCKET).orElseThrow().naive()).isEqualTo("3.00");
    assertThat(Double.parseDouble(s1.find(Scenarios.PUTS_PER_BUCKET).orElseThrow().ours()))
        .isGreaterThanOrEqualTo(1.0);
    // Every share Ready means every grant in the operator's policies.
    assertThat(s1.find(Scenarios.LOST).orElseThrow().ours()).isEqualTo("0");
    // The reported loss is what the naive buckets' policies, read back from moto, lack.
    assertThat(checked.naiveLostInAws).isBetween(0, 4);
    assertThat(s1.find(Scenarios.LOST).orElseThrow().naive())
        .isEqualTo(String.valueOf(checked.naiveLostInAws));
    assertThat(Double.parseDouble(s1.find("RSS MiB, all Ready").orElseThrow().ours())).isPositive();
  }

  /** Reads the naive buckets' final policies itself, before the servers stop. */
  static final class Checked implements ScaleBenchmark.AfterRun {
    int naiveLostInAws = -1;

    @Override
    public void inspect(Bench bench, List<String> naiveBuckets, List<DeclaredShare> shares) {
      int lost = 0;
      for (DeclaredShare share : shares) {
        String policy = bench.policy(naiveBuckets.get(share.bucketIndex())).orElse("");
        if (!policy.contains("\"" + NaiveWriter.sid(share) + "\"")) {
          lost++;
        }
      }
      naiveLostInAws = lost;
    }
  }
}
