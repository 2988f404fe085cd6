package io.s3share.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.s3share.cli.audit.AuditCommand;
import io.s3share.cli.plan.PlanCommand;
import io.s3share.operator.aws.AwsClientFactory;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code s3share} command line (also run as the kubectl plugin {@code kubectl s3share}). */
@Command(
    name = "s3share",
    mixinStandardHelpOptions = true,
    version = "s3share 0.1.0",
    description = "Audits and plans cross-account S3 sharing managed by s3-share-operator.",
    subcommands = {AuditCommand.class, PlanCommand.class})
public final class S3ShareCommand {

  /** The exit code when the cluster or AWS could not be read. */
  public static final int FAILED = 3;

  private final Function<ConnectionOptions, Session> sessions;

  /** Connects as the operator would: the kubeconfig's cluster, AWS's default credentials chain. */
  public S3ShareCommand() {
    this(
        options ->
            new Session(
                new KubernetesClientBuilder()
                    .withConfig(Config.autoConfigure(options.context().orElse(null)))
                    .build(),
                AwsClientFactory.withDefaultCredentials(List.of()),
                options.installationId()));
  }

  /** For tests and embedding: sessions built by the caller (e.g. with an AWS call counter). */
  public S3ShareCommand(Function<ConnectionOptions, Session> sessions) {
    this.sessions = sessions;
  }

  /** Opens a session for a subcommand; the caller closes it. */
  public Session openSession(ConnectionOptions options) {
    return sessions.apply(options);
  }

  /** A picocli command line with this command's help, errors and exit codes. */
  public static CommandLine commandLine(S3ShareCommand command) {
    return new CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (error, line, parsed) -> {
              line.getErr().println("s3share: " + error.getMessage());
              return FAILED;
            });
  }

  public static void main(String[] args) {
    // The operator's jar brings its own logback.xml (INFO to stdout): a command line keeps stdout
    // for its report and logs only warnings, to stderr.
    System.setProperty("logback.configurationFile", "s3share-logback.xml");
    System.exit(commandLine(new S3ShareCommand()).execute(args));
  }
}
