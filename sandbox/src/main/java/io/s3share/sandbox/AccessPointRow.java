package io.s3share.sandbox;

import io.s3share.testenv.AwsCallCounter;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One row of {@link AccessPointBenchmark}: N shares through access points on one bucket.
 *
 * @param calls every AWS call the operator made until the last share was granted, by operation
 * @param policyBytes the bucket policy's size at the end, without whitespace
 * @param statements the number of statements in the bucket policy at the end
 */
public record AccessPointRow(
    int shares,
    Duration create,
    Duration ready,
    SortedMap<String, Integer> calls,
    int policyBytes,
    int statements,
    long heapMib) {

  static final String HEADER =
      String.format(
          "%6s %9s %10s %9s %6s %9s %8s %7s %8s %6s %8s",
          "shares",
          "create s",
          "created/s",
          "ready s",
          "ratio",
          "mut/share",
          "rd/share",
          "PutBP",
          "BP bytes",
          "stmts",
          "heap MiB");

  static final String LEGEND =
      """

      create s: time to create the N shares in the API server (8 threads), a lower bound for
      granting them; created/s: the creation rate. ready s: from the first create until the last
      share was seen Ready=True (reason Granted); ratio: ready s / create s. mut/share: AWS calls
      that change state (Create*, Put*, Delete*, Tag*, Untag*, ...) per share, until all were
      granted; rd/share: all other AWS calls (Get*, List*, AssumeRole) per share. PutBP:
      PutBucketPolicy calls on the bucket. BP bytes: the bucket policy's size at the end, without
      whitespace (one foreign statement and the operator's one delegation); stmts: its
      statements. heap MiB: heap used by the JVM running the operator (and Maven), after a GC,
      with every share created so far still present. Resync is set to 2 h so that no earlier
      share is re-checked during a later N.
      """;

  /** Calls that change AWS state, summed over operations. */
  public int mutating() {
    return calls.entrySet().stream()
        .filter(call -> AwsCallCounter.isMutating(call.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** All other calls: reads, listings, AssumeRole. */
  public int reads() {
    return calls.values().stream().mapToInt(Integer::intValue).sum() - mutating();
  }

  String line() {
    double createSeconds = create.toMillis() / 1000.0;
    double readySeconds = ready.toMillis() / 1000.0;
    return String.format(
        "%6d %9.1f %10.1f %9.1f %6.2f %9.2f %8.2f %7d %8d %6d %8d",
        shares,
        createSeconds,
        shares / Math.max(0.001, createSeconds),
        readySeconds,
        readySeconds / Math.max(0.001, createSeconds),
        mutating() / (double) shares,
        reads() / (double) shares,
        calls.getOrDefault("PutBucketPolicy", 0),
        policyBytes,
        statements,
        heapMib);
  }

  /** Every operation's count, mutating ones first. */
  String breakdown() {
    return String.format("%6d shares: mutating %s; reads %s", shares, list(true), list(false));
  }

  private String list(boolean mutating) {
    return calls.entrySet().stream()
        .filter(call -> AwsCallCounter.isMutating(call.getKey()) == mutating)
        .map(call -> call.getKey() + " " + call.getValue())
        .collect(Collectors.joining(", "));
  }
}
