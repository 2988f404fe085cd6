package io.s3share.cli.audit;

/** How urgent a finding is; {@code --fail-on} compares with this order. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }
}
