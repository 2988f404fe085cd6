package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.testing.SdkOperationRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operator-iam-policy.json} grants exactly the IAM actions of the SDK operations the
 * operator really issued during this build's ITs, as {@link SdkOperationRecorder} wrote them down.
 *
 * <p>Failsafe runs this class in an execution of its own, after the one that runs every other IT
 * (see operator/pom.xml), so that the recording is complete whatever order the ITs run in. When
 * only some ITs were selected ({@code -Dit.test=...}) the recording is partial: then only the
 * direction that would fail in production is checked, that every operation issued is allowed.
 */
class IamPolicyMatchesCodeIT {

  static final String SELECTION = "s3share.itSelection";

  @Test
  void policyAllowsExactlyTheOperationsTheOperatorIssued() throws IOException {
    Path recording = SdkOperationRecorder.file();
    assertThat(recording).as("system property %s", SdkOperationRecorder.PROPERTY).isNotNull();
    Set<String> issued = recordedActions(recording);
    Set<String> allowed = IamPolicyMatchesCodeTest.policyActions();

    assertThat(allowed)
        .as(
            "docs/operator-iam-policy.json must allow every operation the operator issued"
                + " (recorded in %s), or the operator meets AccessDenied",
            recording)
        .containsAll(issued);
    if (fullRun()) {
      assertThat(issued)
          .as(
              "every action in docs/operator-iam-policy.json must be issued by some IT (recorded"
                  + " in %s): remove the ones the code no longer calls, or test the code path",
              recording)
          .containsAll(allowed);
    }
  }

  static Set<String> recordedActions(Path recording) throws IOException {
    Set<String> actions = new TreeSet<>();
    if (Files.exists(recording)) {
      for (String line : Files.readAllLines(recording)) {
        if (!line.isBlank()) {
          String action = IamActions.of(line.strip());
          actions.add(action);
          IamActions.impliedBy(action).ifPresent(actions::add);
        }
      }
    }
    actions.removeAll(IamActions.BASE_IDENTITY);
    return actions;
  }

  // Maven passes "${it.test}" through as it is when the property is not set.
  private static boolean fullRun() {
    String selection = System.getProperty(SELECTION, "");
    return selection.isBlank() || selection.startsWith("${");
  }
}
