package io.s3share.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javaoperatorsdk.operator.processing.MDCUtils;
import io.s3share.operator.api.v1alpha1.BucketShare;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The logback.xml the operator ships: text by default, JSON with S3SHARE_LOG_FORMAT=json, the level
 * from S3SHARE_LOG_LEVEL, and the resource JOSDK puts into the MDC on every line of a reconcile.
 */
class LogbackXmlTest {

  static final URL SHIPPED = LogbackXmlTest.class.getResource("/logback.xml");
  static final String LOGGER = "io.s3share.operator.bucketshare.BucketPolicyWriter";

  @Test
  void textLinesNameTheResourceBeingReconciled() throws Exception {
    String out = logWith(Map.of(), log -> log.info("bucket {}: wrote 2 statements", "reports"));
    assertThat(out).contains("INFO").contains("[BucketShare tenant-a/reports-for-analytics]");
    assertThat(out).contains("bucket reports: wrote 2 statements");
  }

  @Test
  void jsonLinesCarryTheResourceAsMdcFields() throws Exception {
    String out =
        logWith(
            Map.of("S3SHARE_LOG_FORMAT", "json"),
            log -> log.info("bucket {}: wrote 2 statements", "reports"));
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("loggerName").asText()).isEqualTo(LOGGER);
    assertThat(line.path("formattedMessage").asText())
        .isEqualTo("bucket reports: wrote 2 statements");
    assertThat(line.path("timestamp").asLong()).isPositive();
    JsonNode mdc = line.path("mdc");
    assertThat(mdc.path("resource.kind").asText()).isEqualTo("BucketShare");
    assertThat(mdc.path("resource.namespace").asText()).isEqualTo("tenant-a");
    assertThat(mdc.path("resource.name").asText()).isEqualTo("reports-for-analytics");
    assertThat(line.has("context")).as("no logger-context noise").isFalse();
  }

  @Test
  void theLevelOfTheOperatorsLoggersComesFromTheEnvironment() throws Exception {
    Consumer<Logger> logging =
        log -> {
          log.debug("a debug line");
          log.info("an info line");
          log.warn("a warning");
        };
    assertThat(logWith(Map.of(), logging)).doesNotContain("a debug line").contains("an info line");
    assertThat(logWith(Map.of("S3SHARE_LOG_LEVEL", "WARN"), logging))
        .doesNotContain("an info line")
        .contains("a warning");
    assertThat(logWith(Map.of("S3SHARE_LOG_LEVEL", "DEBUG"), logging)).contains("a debug line");
  }

  /**
   * Configures a fresh Logback from the shipped file, with {@code environment} as context
   * properties (Logback reads them before the process environment), and returns what it printed
   * while {@code logging} ran inside a reconcile of one BucketShare.
   */
  private static String logWith(Map<String, String> environment, Consumer<Logger> logging)
      throws JoranException {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    environment.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(SHIPPED);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    BucketShare share = new BucketShare();
    share.getMetadata().setName("reports-for-analytics");
    share.getMetadata().setNamespace("tenant-a");
    MDCUtils.addResourceInfo(share);
    try {
      logging.accept(context.getLogger(LOGGER));
    } finally {
      MDCUtils.removeResourceInfo();
      System.setOut(stdout);
      context.stop();
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
