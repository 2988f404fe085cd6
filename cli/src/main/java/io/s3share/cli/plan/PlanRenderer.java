package io.s3share.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.s3share.cli.OutputFormat;
import io.s3share.cli.TextTable;

/** Prints a plan: the manifests' verdicts, then each AWS change with its diff. */
public final class PlanRenderer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanRenderer() {}

  public static String render(PlanReport report, OutputFormat format) {
    if (format == OutputFormat.json) {
      try {
        return JSON.writeValueAsString(report) + "\n";
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a plan always serialises", e);
      }
    }
    boolean markdown = format == OutputFormat.markdown;
    TextTable verdicts = new TextTable("RESOURCE", "VERDICT", "MESSAGE");
    report.verdicts().forEach(v -> verdicts.row(v.resource(), v.admission().name(), v.message()));
    StringBuilder out = new StringBuilder();
    out.append(markdown ? "## s3share plan\n\n" + verdicts.markdown() : verdicts.plain());
    long changing = report.changes().stream().filter(c -> !c.action().equals("no change")).count();
    out.append("\n")
        .append(markdown ? "**" : "")
        .append(changing)
        .append(" AWS change(s)")
        .append(markdown ? "**" : "")
        .append("\n");
    for (PlanReport.Change change : report.changes()) {
      out.append("\n")
          .append(markdown ? "### " : "# ")
          .append(change.target())
          .append(": ")
          .append(change.action())
          .append("\n");
      change.notes().forEach(note -> out.append(markdown ? "- " : "  ").append(note).append("\n"));
      if (!change.diff().isEmpty()) {
        out.append(markdown ? "\n```diff\n" : "")
            .append(change.diff())
            .append(markdown ? "```\n" : "");
      }
    }
    return out.toString();
  }
}
