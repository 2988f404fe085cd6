package io.s3share.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every SDK operation the operator under test issues, as {@code Service:Operation} (e.g.
 * {@code Iam:GetRole}), one line each in the file named by the system property {@value #PROPERTY}.
 * The build compares the lines of one IT run with docs/operator-iam-policy.json after every other
 * IT has run (see IamPolicyMatchesCodeIT).
 */
public final class SdkOperationRecorder implements ExecutionInterceptor {

  public static final String PROPERTY = "s3share.sdkOperations";

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  /** Where this run's operations go, or null outside the IT build (nothing is recorded then). */
  public static Path file() {
    String path = System.getProperty(PROPERTY);
    return path == null || path.isBlank() ? null : Path.of(path);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation =
        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
            + ":"
            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Path file = file();
    // Written through at first sight, so that nothing depends on a JVM shutting down cleanly.
    if (file != null && SEEN.add(operation)) {
      append(file, operation);
    }
  }

  private static synchronized void append(Path file, String operation) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          operation + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not record SDK operation in " + file, e);
    }
  }
}
