package io.s3share.benchmark;

import static org.awaitility.Awaitility.await;

import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * S4: CrossAccountRoles with an ExternalId and one grant each, created at once, then idle for a few
 * resync periods: AWS calls per role to converge and per resync, beside a per-role naive controller
 * doing the same through the same proxy.
 */
final class RoleScenario {

  private final ScaleSettings settings;
  private final Bench bench;
  private final OperatorJvm operator;

  RoleScenario(ScaleSettings settings, Bench bench, OperatorJvm operator) {
    this.settings = settings;
    this.bench = bench;
    this.operator = operator;
  }

  ScenarioTable run(List<String> buckets) {
    List<DeclaredRole> roles = DeclaredRole.spread(settings.roles(), buckets);
    int n = roles.size();
    AwsCalls.Mark mark = AwsCalls.mark(bench.proxy, Bench.OPERATOR_KEY);
    Instant start = Instant.now();
    create(roles);
    await("all " + n + " roles Ready")
        .atMost(Duration.ofMinutes(5).plusSeconds(n))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the operator's JVM exited; see " + operator.log, () -> !operator.alive())
        .until(() -> readyRoles() >= n);
    Duration ready = Duration.between(start, Instant.now());
    AwsCalls converge = AwsCalls.since(mark);

    Duration window = settings.resync().multipliedBy(settings.resyncs());
    AwsCalls.Mark idleMark = AwsCalls.mark(bench.proxy, Bench.OPERATOR_KEY);
    await("the operator stays up while idle")
        .during(window)
        .atMost(window.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(operator::alive);
    AwsCalls idle = AwsCalls.since(idleMark);
    OperatorJvm.Memory memory = operator.memory();

    AwsCalls naiveConverge;
    AwsCalls naiveIdle;
    Duration naiveTime;
    try (NaiveRoleWriter naive =
        new NaiveRoleWriter(bench.proxy.endpoint(), Bench.NAIVE_KEY, settings.parallelism())) {
      AwsCalls.Mark m = AwsCalls.mark(bench.proxy, Bench.NAIVE_KEY);
      naiveTime = naive.pass(roles);
      naiveConverge = AwsCalls.since(m);
      AwsCalls.Mark r = AwsCalls.mark(bench.proxy, Bench.NAIVE_KEY);
      for (int i = 0; i < settings.resyncs(); i++) {
        naive.pass(roles);
      }
      naiveIdle = AwsCalls.since(r);
    }
    double perResync = settings.resyncs() * (double) n;
    return new ScenarioTable(
            String.format(
                "S4: %d CrossAccountRoles with ExternalId and one grant each, then idle for %d"
                    + " resync periods of %s",
                n, settings.resyncs(), settings.resync()))
        .row(
            "AWS calls per role to converge",
            converge.total() / (double) n,
            naiveConverge.total() / (double) n)
        .row(
            "IAM role calls per role to converge",
            converge.roleCalls() / (double) n,
            naiveConverge.roleCalls() / (double) n)
        .row(
            "mutating calls per role to converge",
            converge.mutating() / (double) n,
            naiveConverge.mutating() / (double) n)
        .row("time to all Ready s", ready.toMillis() / 1000.0, naiveTime.toMillis() / 1000.0)
        .row(
            "AWS calls per role per resync",
            idle.total() / perResync,
            naiveIdle.total() / perResync)
        .row(
            "IAM role calls per role per resync",
            idle.roleCalls() / perResync,
            naiveIdle.roleCalls() / perResync)
        .row("mutating calls while idle", idle.mutating(), naiveIdle.mutating())
        .row("heap after GC MiB", memory.heapMib(), null)
        .row("RSS MiB", memory.rssMib(), null)
        .note("operator AWS calls to converge: " + converge.byKind())
        .note("operator AWS calls while idle: " + idle.byKind())
        .note("naive AWS calls to converge: " + naiveConverge.byKind())
        .note("naive AWS calls while idle: " + naiveIdle.byKind())
        .note(
            "AWS calls: every call in the window, so the operator's include the grants' bucket"
                + " checks and its resyncs of S1's shares (S2 gives their rate); IAM role calls:"
                + " those naming a role. The naive controller's resyncs run back to back.");
  }

  private long readyRoles() {
    return bench
        .kube
        .resources(CrossAccountRole.class)
        .inNamespace(Bench.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(
            r ->
                r.getStatus() != null
                    && Conditions.find(r.getStatus().getConditions(), Conditions.READY)
                        .filter(c -> "True".equals(c.getStatus()))
                        .isPresent())
        .count();
  }

  private void create(List<DeclaredRole> roles) {
    ExecutorService pool = Executors.newFixedThreadPool(settings.createThreads());
    try {
      List<Future<CrossAccountRole>> created = new ArrayList<>();
      for (DeclaredRole role : roles) {
        CrossAccountRole resource = role.resource(Bench.NAMESPACE, Bench.AWS_ACCOUNT);
        created.add(pool.submit(() -> bench.kube.resource(resource).create()));
      }
      for (Future<CrossAccountRole> f : created) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("creating a role failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating roles", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
