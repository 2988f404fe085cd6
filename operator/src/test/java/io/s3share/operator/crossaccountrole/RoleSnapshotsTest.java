package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RoleSnapshotsTest {

  static final String ACCOUNT = "111111111111";
  static final String MANAGED_BY = "s3-share-operator-prod";
  static final Duration PERIOD = Duration.ofMinutes(5);

  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
  final FakeIam iam = new FakeIam();
  final RoleSnapshots snapshots = new RoleSnapshots(PERIOD, clock, MANAGED_BY);

  @Test
  void readsEachAccountOncePerPeriodHoweverManyRolesAsk() throws Exception {
    for (int i = 0; i < 50; i++) {
      iam.add(detail("s3share-r" + i, MANAGED_BY), 3600);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Optional<ObservedRole>>> lookups = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "s3share-r" + i;
        lookups.add(() -> snapshots.find(iam, name));
      }
      for (Future<Optional<ObservedRole>> found : pool.invokeAll(lookups)) {
        assertThat(found.get()).isPresent();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(iam.bulkReads).isEqualTo(1);

    clock.advance(PERIOD.minusSeconds(1));
    snapshots.find(iam, "s3share-r0");
    assertThat(iam.bulkReads).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    snapshots.find(iam, "s3share-r0");
    assertThat(iam.bulkReads).isEqualTo(2);
  }

  @Test
  void holdsOnlyOurRolesUnderOurPath() {
    iam.add(detail("s3share-ours", MANAGED_BY), 7200);
    iam.add(detail("s3share-other-installation", "s3-share-operator-test"), 3600);
    iam.add(detail("made-by-a-human", null), 3600);
    // Created under "/" by an earlier version: ListRoles under our path does not give its session.
    iam.add(detail("s3share-legacy", MANAGED_BY), null);

    ObservedRole ours = snapshots.find(iam, "s3share-ours").orElseThrow();
    assertThat(ours.role().maxSessionDuration()).isEqualTo(7200);
    assertThat(ours.inlinePolicyNames()).containsExactly("s3share-grants", "z-by-hand");
    assertThat(ours.grantsPolicy()).contains("%7B%22grants%22%7D");
    assertThat(ours.attachedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/ReadOnly");
    assertThat(snapshots.find(iam, "s3share-other-installation")).isEmpty();
    assertThat(snapshots.find(iam, "made-by-a-human")).isEmpty();
    assertThat(snapshots.find(iam, "s3share-legacy")).isEmpty();
  }

  @Test
  void ourWritesUpdateItAndABulkReadBegunBeforeThemDoesNotUndoThem() {
    iam.add(detail("s3share-kept", MANAGED_BY), 3600);
    iam.add(detail("s3share-deleted", MANAGED_BY), 3600);
    ObservedRole written = observed("s3share-written");
    // While the bulk read is under way, a reconcile writes one role and deletes another.
    iam.duringRead =
        () -> {
          snapshots.record(ACCOUNT, written);
          snapshots.forget(ACCOUNT, "s3share-deleted");
        };

    assertThat(snapshots.find(iam, "s3share-written")).contains(written);
    assertThat(snapshots.find(iam, "s3share-deleted")).isEmpty();
    assertThat(snapshots.find(iam, "s3share-kept")).isPresent();

    // The next period's read, begun after them, is believed again.
    iam.duringRead = () -> {};
    clock.advance(PERIOD);
    assertThat(snapshots.find(iam, "s3share-deleted")).isPresent();
    assertThat(snapshots.find(iam, "s3share-written")).isEmpty();
  }

  @Test
  void aFailedBulkReadLeavesEveryRoleToADirectReadUntilTheNextPeriod() {
    iam.add(detail("s3share-ours", MANAGED_BY), 3600);
    iam.failing = true;

    assertThat(snapshots.find(iam, "s3share-ours")).isEmpty();
    assertThat(snapshots.find(iam, "s3share-ours")).isEmpty();
    assertThat(iam.bulkReads).isEqualTo(1);

    iam.failing = false;
    clock.advance(PERIOD);
    assertThat(snapshots.find(iam, "s3share-ours")).isPresent();
  }

  // ---- fakes ----

  static IamRolePort.RoleDetail detail(String name, String managedBy) {
    Map<String, String> tags = new HashMap<>();
    if (managedBy != null) {
      tags.put(CrossAccountRoleModel.MANAGED_BY_TAG, managedBy);
    }
    return new IamRolePort.RoleDetail(
        name,
        "arn:aws:iam::" + ACCOUNT + ":role/s3share/" + name,
        "/s3share/",
        "%7B%22trust%22%7D",
        Optional.empty(),
        tags,
        Map.of("z-by-hand", "%7B%7D", "s3share-grants", "%7B%22grants%22%7D"),
        List.of("arn:aws:iam::aws:policy/ReadOnly"));
  }

  static ObservedRole observed(String name) {
    return new ObservedRole(
        new IamRolePort.Role(
            name,
            "arn:aws:iam::" + ACCOUNT + ":role/s3share/" + name,
            "{}",
            3600,
            Optional.empty(),
            Map.of(CrossAccountRoleModel.MANAGED_BY_TAG, MANAGED_BY)),
        List.of("s3share-grants"),
        Optional.of("{}"),
        List.of());
  }

  /** The bulk reads of an account, counted; every per-role call is a mistake here. */
  static final class FakeIam implements IamRolePort {
    final List<RoleDetail> details = new ArrayList<>();
    final Map<String, Integer> sessions = new HashMap<>();
    volatile int bulkReads;
    volatile boolean failing;
    volatile Runnable duringRead = () -> {};

    void add(RoleDetail detail, Integer session) {
      details.add(detail);
      if (session != null) {
        sessions.put(detail.name(), session);
      }
    }

    @Override
    public String account() {
      return ACCOUNT;
    }

    @Override
    public synchronized List<RoleDetail> roleDetails() {
      bulkReads++;
      if (failing) {
        throw AwsCallException.accessDenied(
            "not allowed", new RuntimeException("denied"), "iam:GetAccountAuthorizationDetails");
      }
      duringRead.run();
      return List.copyOf(details);
    }

    @Override
    public Map<String, Integer> maxSessionDurations(String pathPrefix) {
      assertThat(pathPrefix).isEqualTo("/s3share/");
      return Map.copyOf(sessions);
    }

    @Override
    public Optional<Role> read(String roleName) {
      throw new AssertionError("no direct read expected");
    }

    @Override
    public String create(NewRole role) {
      throw new AssertionError();
    }

    @Override
    public void updateTrustPolicy(String roleName, String policy) {
      throw new AssertionError();
    }

    @Override
    public List<String> inlinePolicyNames(String roleName) {
      throw new AssertionError();
    }

    @Override
    public Optional<String> readInlinePolicy(String roleName, String policyName) {
      throw new AssertionError();
    }

    @Override
    public void putInlinePolicy(String roleName, String policyName, String policy) {
      throw new AssertionError();
    }

    @Override
    public void deleteInlinePolicy(String roleName, String policyName) {
      throw new AssertionError();
    }

    @Override
    public List<String> attachedPolicyArns(String roleName) {
      throw new AssertionError();
    }

    @Override
    public void detachPolicy(String roleName, String policyArn) {
      throw new AssertionError();
    }

    @Override
    public void updateMaxSessionDuration(String roleName, int seconds, String description) {
      throw new AssertionError();
    }

    @Override
    public void putPermissionsBoundary(String roleName, String policyArn) {
      throw new AssertionError();
    }

    @Override
    public void deletePermissionsBoundary(String roleName) {
      throw new AssertionError();
    }

    @Override
    public void tag(String roleName, Map<String, String> tags) {
      throw new AssertionError();
    }

    @Override
    public void untag(String roleName, Collection<String> keys) {
      throw new AssertionError();
    }

    @Override
    public void delete(String roleName) {
      throw new AssertionError();
    }
  }
}
