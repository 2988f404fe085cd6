package io.s3share.cli.plan;

import io.s3share.cli.ConnectionOptions;
import io.s3share.cli.OutputFormat;
import io.s3share.cli.S3ShareCommand;
import io.s3share.cli.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code s3share plan -f <dir or files>}: what applying the manifests would change in AWS. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Shows what the operator would change in AWS if the manifests were applied now: a diff per"
            + " bucket policy, access point policy and IAM role, and each manifest's verdict from"
            + " the API server (server-side dry run) and the SharingPolicies. Writes nothing.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every manifest is valid and allowed",
      "1:a manifest is invalid or denied by the SharingPolicies",
      "2:invalid command line",
      "3:the cluster or AWS could not be read"
    })
public final class PlanCommand implements Callable<Integer> {

  /** The exit code when a manifest is invalid or denied. */
  public static final int REFUSED = 1;

  @ParentCommand S3ShareCommand parent;

  @Mixin ConnectionOptions connection;

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "manifest files or directories (YAML or JSON; directories recursively)")
  List<Path> files;

  @Option(
      names = "--prune",
      description =
          "plan the BucketShares and CrossAccountRoles of the manifests' namespaces that the"
              + " manifests do not hold as deleted")
  boolean prune;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table (plain text), json or markdown (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Option(
      names = "--sharing-policies",
      defaultValue = "Enforce",
      description =
          "Enforce or Disabled, as the operator is configured (default: ${DEFAULT-VALUE})")
  String sharingPolicies;

  @Option(
      names = "--permissions-boundary-arn",
      description = "the operator's S3SHARE_PERMISSIONS_BOUNDARY_ARN, if it sets one")
  String permissionsBoundaryArn;

  @Override
  public Integer call() {
    try (Session session = parent.openSession(connection)) {
      Manifests manifests = Manifests.read(session.kube(), files);
      PlanReport report =
          new PlanBuilder(
                  session,
                  !sharingPolicies.equalsIgnoreCase("Disabled"),
                  Optional.ofNullable(permissionsBoundaryArn))
              .plan(manifests, prune);
      PrintWriter out = spec.commandLine().getOut();
      out.print(PlanRenderer.render(report, output));
      out.flush();
      return report.clean() ? 0 : REFUSED;
    }
  }
}
