package io.s3share.operator.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One build of the operator that a test can start as its own JVM: this build's packaged jar, or a
 * previous release's jar and runtime dependencies.
 *
 * @param description what it is, for messages
 * @param arguments the {@code java} arguments that start it, after the JVM options
 */
record OperatorBuild(String description, List<String> arguments) {

  /** Set by the build to the jar that the package phase made (see operator/pom.xml). */
  static final String JAR_PROPERTY = "s3share.operatorJar";

  /**
   * This build's packaged jar, started with {@code java -jar} as the image starts it: its manifest
   * names the main class and the dependencies in {@code lib/} next to it.
   */
  static OperatorBuild packaged() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + JAR_PROPERTY
              + " is not set: run this test through Maven (./mvnw verify), whose failsafe run comes"
              + " after the package phase that builds the jar");
    }
    Path jar = Path.of(property).toAbsolutePath();
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException(
          jar
              + " or the lib/ directory next to it is missing: the operator module's package phase"
              + " builds both; run the ITs with ./mvnw verify, not from target/classes");
    }
    return new OperatorBuild(jar.toString(), List.of("-jar", jar.toString()));
  }

  /**
   * A release built from its sources into {@code dir}: {@code operator.jar} and its runtime
   * dependencies in {@code lib/}, started by class name because older jars carry no manifest.
   */
  static OperatorBuild release(Path dir, String mainClass) {
    Path jar = dir.resolve("operator.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(dir.resolve("lib"))) {
      throw new IllegalStateException(
          jar + " or " + dir.resolve("lib") + " is missing: the release was not built there");
    }
    String classPath = jar + java.io.File.pathSeparator + dir.resolve("lib") + "/*";
    return new OperatorBuild(dir.toString(), List.of("-cp", classPath, mainClass));
  }
}
