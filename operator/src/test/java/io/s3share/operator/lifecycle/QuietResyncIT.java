package io.s3share.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * With nothing changing, resyncs re-check AWS but say nothing: no INFO or WARN line of the
 * operator's repeats every resync period, neither for converged resources nor for a stalled one
 * whose reason has not changed. Otherwise a month of logs is the same lines over and over.
 */
@ExtendWith(MotoExtension.class)
class QuietResyncIT {

  static final Duration RESYNC = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator = OperatorUnderTest.create("quiet", RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static final String UNREACHABLE = "quiet-unreachable";
  static OwnerAccount owner;
  static MotoServer moto;
  static final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeAll
  static void ownerAccountAndLogCapture(MotoServer server) {
    moto = server;
    owner = OwnerAccount.create(operator.client, moto, "quiet-owner", "111111111151");
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    lines.setContext(logback);
    lines.start();
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(lines);
  }

  @AfterAll
  static void close() {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .detachAppender(lines);
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name, UNREACHABLE);
    owner.close();
  }

  @Test
  void resyncsOfUnchangedResourcesLogNothing() {
    owner.createBucket("quiet-reports");
    apply(
        Shares.share(
            operator.namespace(),
            "converged",
            owner.name,
            "quiet-reports",
            Access.Read,
            List.of(Consumer.account("222222222222")),
            List.of("reports/")));
    // A bucket that does not exist: Stalled, and it stays so on every resync.
    apply(
        Shares.share(
            operator.namespace(),
            "stalled",
            owner.name,
            "quiet-missing",
            Access.Read,
            List.of(Consumer.account("222222222222")),
            List.of()));
    apply(role("quiet-reader"));
    await().atMost(WAIT).until(() -> "True".equals(ready(BucketShare.class, "converged")));
    await().atMost(WAIT).until(() -> isStalled(BucketShare.class, "stalled"));
    await().atMost(WAIT).until(() -> "True".equals(ready(CrossAccountRole.class, "quiet-reader")));
    // Converging did log: its AWS changes, one line each. The capture works.
    assertThat(operatorLines()).isNotEmpty();
    // The resyncs right after converging may still settle things; listen from the next ones.
    await().pollDelay(RESYNC.multipliedBy(2)).atMost(WAIT).until(() -> true);
    synchronized (lines) {
      lines.list.clear();
    }
    int before = operator.calls.count("GetBucketPolicy");

    await()
        .during(RESYNC.multipliedBy(4))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(operatorLines())
                    .as("operator lines at INFO or above while nothing changed")
                    .isEmpty());
    assertThat(operator.calls.count("GetBucketPolicy"))
        .as("resyncs happened while listening")
        .isGreaterThan(before);
  }

  @Test
  void anUnreachableAccountSaysSoOnceNotOnEveryRetry() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AwsAccount unreachable = OwnerAccount.resource(UNREACHABLE, "111111111152", moto);
    unreachable.getSpec().getEndpoints().setUrl("http://127.0.0.1:" + closedPort);
    synchronized (lines) {
      lines.list.clear();
    }
    operator.client.resource(unreachable).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(operatorLines().keySet())
                    .as("the first failure is worth a line")
                    .anyMatch(l -> l.contains(UNREACHABLE)));
    synchronized (lines) {
      lines.list.clear();
    }

    // The account is re-checked every 30 s while it stays unreachable, for the same reason.
    await()
        .during(Duration.ofSeconds(45))
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(operatorLines().keySet())
                    .as("lines about an account whose condition has not changed")
                    .noneMatch(l -> l.contains(UNREACHABLE)));
    ClusterScoped.remove(operator.client, AwsAccount.class, UNREACHABLE);
  }

  private static Map<String, Long> operatorLines() {
    List<ILoggingEvent> events;
    synchronized (lines) {
      events = List.copyOf(lines.list);
    }
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .filter(e -> e.getLoggerName().startsWith("io.s3share.operator."))
        .filter(e -> !e.getLoggerName().startsWith("io.s3share.operator.testing."))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static CrossAccountRole role(String name) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account("222222222222")));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("quiet-reports", Access.Read, List.of("reports/"))));
    role.setSpec(spec);
    return role;
  }

  private static void apply(HasMetadata resource) {
    operator.client.resource(resource).serverSideApply();
  }

  private static <T extends HasMetadata> T get(Class<T> type, String name) {
    return operator.client.resources(type).inNamespace(operator.namespace()).withName(name).get();
  }

  private static String ready(Class<? extends HasMetadata> type, String name) {
    return conditionStatus(get(type, name), Conditions.READY);
  }

  private static boolean isStalled(Class<? extends HasMetadata> type, String name) {
    return "True".equals(conditionStatus(get(type, name), Conditions.STALLED));
  }

  private static String conditionStatus(HasMetadata resource, String type) {
    if (!(resource instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> cr)
        || !(cr.getStatus() instanceof io.s3share.operator.api.v1alpha1.ConditionedStatus s)) {
      return null;
    }
    return Conditions.find(s.getConditions(), type).map(c -> c.getStatus()).orElse(null);
  }
}
