package io.s3share.cli.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Who can reach what, and the findings, for every bucket the operator's resources name. */
public record AuditReport(List<AccessRow> access, List<Finding> findings) {

  public AuditReport {
    access = List.copyOf(access);
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
