package io.s3share.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.s3share.cli.audit.AuditCommand;
import io.s3share.cli.plan.PlanCommand;
import io.s3share.operator.aws.AwsClientFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Option(
      names = "--context",
      description = "kubeconfig context to use (default: the current context)")
  String context;

  @Option(
      names = "--installation-id",
      description =
          "the operator installation whose statements count as managed (default:"
              + " $S3SHARE_INSTALLATION_ID, else derived from the cluster like the operator does)")
  String installationId;

  private final Function<S3ShareCommand, Session> sessions;

  /** Connects as the operator would: the kubeconfig's cluster, AWS's default credentials chain. */
  public S3ShareCommand() {
    this(
        command ->
            new Session(
                new KubernetesClientBuilder()
                    .withConfig(Config.autoConfigure(command.context))
                    .build(),
                AwsClientFactory.withDefaultCredentials(List.of()),
                Optional.ofNullable(command.installationId)));
  }

  /** For tests and embedding: sessions built by the caller (e.g. with an AWS call counter). */
  public S3ShareCommand(Function<S3ShareCommand, Session> sessions) {
    this.sessions = sessions;
  }

  /** Opens a session for a subcommand; the caller closes it. */
  public Session openSession() {
    return sessions.apply(this);
  }

  public Optional<String> installationId() {
    return Optional.ofNullable(installationId);
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
    System.exit(commandLine(new S3ShareCommand()).execute(args));
  }
}
