package io.s3share.cli.audit;

import io.s3share.cli.ClusterState;
import io.s3share.cli.ConnectionOptions;
import io.s3share.cli.OutputFormat;
import io.s3share.cli.S3ShareCommand;
import io.s3share.cli.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code s3share audit}: who can reach which bucket and prefix, and the findings. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Prints, per bucket and prefix, each principal that can reach it, its actions, the path"
            + " and whether an s3-share-operator resource manages it; then the findings.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:a finding at or above --fail-on",
      "2:invalid command line",
      "3:the cluster or AWS could not be read"
    })
public final class AuditCommand implements Callable<Integer> {

  /** The exit code when a finding is at or above the threshold. */
  public static final int FINDINGS = 1;

  @ParentCommand S3ShareCommand parent;

  @Mixin ConnectionOptions connection;

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or markdown (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Option(
      names = "--fail-on",
      defaultValue = "HIGH",
      description =
          "exit 1 when a finding is at least this severe: INFO, LOW, MEDIUM, HIGH, CRITICAL"
              + " (default: ${DEFAULT-VALUE})")
  Severity failOn;

  @Override
  public Integer call() {
    try (Session session = parent.openSession(connection)) {
      AuditReport report = run(session);
      PrintWriter out = spec.commandLine().getOut();
      out.print(AuditRenderer.render(report, output));
      out.flush();
      return report.failsAt(failOn) ? FINDINGS : 0;
    }
  }

  /** The audit of everything the cluster's resources name. */
  public static AuditReport run(Session session) {
    EvidenceCollector collector = new EvidenceCollector(session, ClusterState.read(session.kube()));
    return Auditor.audit(collector.buckets(), collector.roles());
  }
}
