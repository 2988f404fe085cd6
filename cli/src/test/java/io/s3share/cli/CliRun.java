package io.s3share.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.testenv.AwsCallCounter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the s3share command line in the test JVM, counting its AWS calls, and keeps its output. */
final class CliRun {

  final AwsCallCounter calls = new AwsCallCounter();
  private final KubernetesClient kube;
  private final String installationId;

  CliRun(KubernetesClient kube, String installationId) {
    this.kube = kube;
    this.installationId = installationId;
  }

  /** The exit code, what it printed and what it printed on stderr. */
  record Result(int exitCode, String out, String err) {}

  Result run(String... args) {
    S3ShareCommand command =
        new S3ShareCommand(
            options ->
                new Session(
                    kube,
                    new AwsClientFactory(MotoAccounts.fakeCredentials(), List.of(calls)),
                    Optional.of(installationId)));
    CommandLine line = S3ShareCommand.commandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
