package io.s3share.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.s3share.cli.OutputFormat;
import io.s3share.cli.TextTable;
import io.s3share.operator.evaluation.Decision;

/** Prints an audit report as a table, JSON or Markdown. */
public final class AuditRenderer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditRenderer() {}

  public static String render(AuditReport report, OutputFormat format) {
    return switch (format) {
      case json -> json(report);
      case table ->
          access(report).plain()
              + "(+consumer): "
              + Decision.CONSUMER_NOTE
              + "\n\n"
              + findings(report).plain();
      case markdown ->
          "## Who can reach what\n\n"
              + access(report).markdown()
              + "\n## Findings\n\n"
              + findings(report).markdown();
    };
  }

  private static TextTable access(AuditReport report) {
    TextTable table =
        new TextTable("BUCKET", "PREFIX", "PRINCIPAL", "ACTIONS", "PATH", "MANAGED BY");
    for (AccessRow row : report.access()) {
      table.row(
          row.bucket(),
          row.prefix(),
          row.principal() + (row.note().isEmpty() ? "" : " (+consumer)"),
          String.join(",", row.actions().stream().map(a -> a.replace("s3:", "")).toList()),
          String.join(" + ", row.path()),
          row.managedBy());
    }
    return table;
  }

  private static TextTable findings(AuditReport report) {
    TextTable table = new TextTable("SEVERITY", "FINDING", "SUBJECT", "DETAIL");
    for (Finding finding : report.findings()) {
      table.row(finding.severity().name(), finding.kind(), finding.subject(), finding.message());
    }
    return table;
  }

  private static String json(AuditReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit report always serialises", e);
    }
  }
}
