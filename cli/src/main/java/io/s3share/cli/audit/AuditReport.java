package io.s3share.cli.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who can reach what, and the findings, for every bucket the operator's resources name.
 *
 * @param encryption each bucket's default encryption, as far as it decides who may read objects
 */
public record AuditReport(
    List<AccessRow> access, List<Finding> findings, List<BucketEncryption> encryption) {

  /**
   * How a bucket encrypts new objects.
   *
   * @param encryption {@code SSE-KMS}, {@code SSE-S3 or none}, or {@code unknown} when not read
   * @param key the KMS key ({@code aws/s3} for the AWS managed one), empty when none or unknown
   * @param keyPolicy {@code checked}, or why the key policy was not judged
   */
  public record BucketEncryption(String bucket, String encryption, String key, String keyPolicy) {}

  public AuditReport {
    access = List.copyOf(access);
    encryption = List.copyOf(encryption);
    findings =
        findings.stream()
            .sorted(
                Comparator.comparing(Finding::severity)
                    .reversed()
                    .thenComparing(Finding::subject)
                    .thenComparing(Finding::kind))
            .toList();
  }

  /** The most severe finding's severity; empty when there are no findings. */
  public Optional<Severity> worst() {
    return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
  }

  public boolean failsAt(Severity threshold) {
    return worst().map(s -> s.atLeast(threshold)).orElse(false);
  }
}
