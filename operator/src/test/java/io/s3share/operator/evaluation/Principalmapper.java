package io.s3share.operator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.s3share.testenv.TestEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs principalmapper (through the driver script) on a batch of cases in one Python process. */
final class Principalmapper {

  private Principalmapper() {}

  /** The venv's interpreter; fails, naming the script that installs it, when it is missing. */
  static Path python() {
    return python(TestEnvironment.principalmapperVenv());
  }

  static Path python(Path venv) {
    Path python = venv.resolve("bin").resolve("python");
    if (!Files.exists(venv.resolve(".installed")) || !Files.isExecutable(python)) {
      throw new IllegalStateException(
          "principalmapper "
              + TestEnvironment.principalmapperVersion()
              + " is not installed in "
              + venv
              + "; run scripts/provision-principalmapper.sh (the Maven build runs it before the"
              + " tests)");
    }
    return python;
  }

  static List<String> judge(List<CrossCheckCase> cases) {
    try {
      Path script =
          Path.of(Principalmapper.class.getResource("/evaluation/pmapper_eval.py").toURI());
      Process process =
          new ProcessBuilder(python().toString(), script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(
            CrossCheckCase.json(cases.stream().map(CrossCheckCase::toDriverInput).toList())
                .getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("the principalmapper driver failed: " + out);
      }
      List<String> decisions = CrossCheckCase.JSON.readValue(out, new TypeReference<>() {});
      if (decisions.size() != cases.size()) {
        throw new IllegalStateException(
            "the driver answered " + decisions.size() + " of " + cases.size() + " cases");
      }
      return decisions;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot run the principalmapper driver", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while principalmapper ran", e);
    }
  }
}
