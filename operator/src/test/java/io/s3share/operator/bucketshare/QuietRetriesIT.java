package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.LogCapture;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A failure AWS keeps answering is retried, then tried again at every resync: the log says so when
 * it starts, not once more per attempt while nothing has changed.
 */
@ExtendWith(MotoExtension.class)
class QuietRetriesIT {

  static final Duration RESYNC = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.createWithRetryBudget("quietretry", RESYNC, 2);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  /** JOSDK's logger of failed attempts, at the level the shipped logback.xml gives it. */
  static final String JOSDK_ATTEMPTS =
      "io.javaoperatorsdk.operator.processing.event.EventProcessor";

  static OwnerAccount owner;
  static LogCapture all;
  static Level testLevel;

  @BeforeAll
  static void ownerAccount(MotoServer moto) throws JoranException {
    owner = OwnerAccount.create(operator.client, moto, "quietretry-owner", "111111111181");
    all = LogCapture.of(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger attempts = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(JOSDK_ATTEMPTS);
    testLevel = attempts.getLevel();
    attempts.setLevel(shippedLevelOf(JOSDK_ATTEMPTS));
  }

  @AfterAll
  static void close() {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(JOSDK_ATTEMPTS)
        .setLevel(testLevel);
    all.close();
    operator.faults.clear();
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aFaultThatNeverClearsIsLoggedOnceNotOnEveryRetryOrResync() {
    String bucket = "quietretry-data";
    owner.createBucket(bucket);
    operator.faults.s3Error(
        "GetBucketPolicy", bucket, 503, "ServiceUnavailable", Integer.MAX_VALUE);
    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "unlucky",
                owner.name,
                bucket,
                Access.Read,
                List.of(Consumer.account("272727272781")),
                List.of()))
        .serverSideApply();
    await().atMost(WAIT).until(() -> "AwsThrottled".equals(Shares.stalledReason(get())));
    int before = operator.faults.injected();
    List<String> said = linesAbout("unlucky");
    // Once, when it started; the status says whether it is retrying or gave up.
    assertThat(said)
        .hasSize(1)
        .anySatisfy(line -> assertThat(line).contains("unlucky: ").contains("(AwsThrottled)"));

    await()
        .during(RESYNC.multipliedBy(5))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(linesAbout("unlucky"))
                    .as("WARN or ERROR lines about a share whose failure has not changed")
                    .isEqualTo(said));
    assertThat(operator.faults.injected())
        .as("AWS was asked again meanwhile")
        .isGreaterThan(before);
  }

  private static List<String> linesAbout(String name) {
    return all.messages(
        Level.WARN,
        e ->
            e.getFormattedMessage().contains(name)
                || name.equals(e.getMDCPropertyMap().get("resource.name")));
  }

  /** The level the shipped logback.xml sets for a logger, read by configuring a fresh Logback. */
  static Level shippedLevelOf(String logger) throws JoranException {
    LoggerContext shipped = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(shipped);
    configurator.doConfigure(QuietRetriesIT.class.getResource("/logback.xml"));
    Level level = shipped.getLogger(logger).getEffectiveLevel();
    shipped.stop();
    return level;
  }

  private static BucketShare get() {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName("unlucky")
        .get();
  }
}
