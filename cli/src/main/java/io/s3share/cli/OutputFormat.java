package io.s3share.cli;

/** How a command prints its report: {@code -o table|json|markdown}. */
public enum OutputFormat {
  table,
  json,
  markdown
}
