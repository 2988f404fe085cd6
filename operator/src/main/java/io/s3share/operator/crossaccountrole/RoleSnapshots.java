package io.s3share.operator.crossaccountrole;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.IamRolePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles of this installation in each account, read in bulk at most once per period, so that a
 * resync of an unchanged role costs no IAM call of its own: reading 200 roles one by one costs 800
 * calls, reading them in bulk two or three.
 *
 * <p>A snapshot may be up to one period old. That is fine for deciding that nothing needs to change
 * (drift made by hand is seen by the next snapshot), but not for writing: the reconciler reads a
 * role directly before changing it. Our own writes update the snapshot, so the resync after a
 * change does not see the change's absence and write again.
 *
 * <p>Only roles tagged as managed by this installation are kept: a role that is not ours is read
 * directly, as before, and its policies take no memory here.
 */
final class RoleSnapshots {

  private static final Logger log = LoggerFactory.getLogger(RoleSnapshots.class);

  /** One account's roles of ours, as last read and as changed by us since. */
  private static final class Account {
    final Object refresh = new Object();
    volatile Instant readAt;
    volatile Map<String, ObservedRole> roles = Map.of();
    // Role name -> sequence number of our last write or forget: a bulk read that began before it
    // must not undo it with what it read.
    final Map<String, Long> touched = new HashMap<>();
  }

  private final Duration readEvery;
  private final Clock clock;
  private final String managedBy;
  private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param readEvery how long a snapshot serves: the resync period, so that each resync reads each
   *     account once
   * @param managedBy this installation's managed-by tag value
   */
  RoleSnapshots(Duration readEvery, Clock clock, String managedBy) {
    this.readEvery = readEvery;
    this.clock = clock;
    this.managedBy = managedBy;
  }

  /**
   * The role as the account's snapshot holds it, reading the account first when its snapshot is
   * due; empty when the snapshot does not hold it (absent, created since, not ours, or under
   * another path): the caller then reads the role directly.
   */
  Optional<ObservedRole> find(IamRolePort iam, String roleName) {
    return Optional.ofNullable(fresh(iam).roles.get(roleName));
  }

  /** What our own writes left the role as. */
  void record(String accountId, ObservedRole role) {
    change(accountId, role.role().name(), role);
  }

  /** Drops the role: it was deleted or handed over, or a write to it failed. */
  void forget(String accountId, String roleName) {
    change(accountId, roleName, null);
  }

  private void change(String accountId, String roleName, ObservedRole role) {
    Account account = accounts.computeIfAbsent(accountId, id -> new Account());
    synchronized (account) {
      Map<String, ObservedRole> roles = new HashMap<>(account.roles);
      if (role == null) {
        roles.remove(roleName);
      } else {
        roles.put(roleName, role);
      }
      account.roles = Map.copyOf(roles);
      account.touched.put(roleName, sequence.incrementAndGet());
    }
  }

  private Account fresh(IamRolePort iam) {
    Account account = accounts.computeIfAbsent(iam.account(), id -> new Account());
    if (isFresh(account)) {
      return account;
    }
    // Roles reconcile in parallel: one bulk read per account, the others wait for it.
    synchronized (account.refresh) {
      if (!isFresh(account)) {
        Instant started = clock.instant();
        long startedAt = sequence.get();
        install(account, read(iam), startedAt, started);
      }
    }
    return account;
  }

  private boolean isFresh(Account account) {
    Instant readAt = account.readAt;
    return readAt != null && readAt.plus(readEvery).isAfter(clock.instant());
  }

  /**
   * Ours, by the managed-by tag, and complete: a role outside our path has no session length in the
   * listing and is left out, to be read directly.
   */
  private Map<String, ObservedRole> read(IamRolePort iam) {
    try {
      Map<String, ObservedRole> ours = new HashMap<>();
      var details = iam.roleDetails();
      Map<String, Integer> sessions = iam.maxSessionDurations(DesiredRole.PATH);
      for (IamRolePort.RoleDetail detail : details) {
        Integer session = sessions.get(detail.name());
        if (managedBy.equals(detail.tags().get(CrossAccountRoleModel.MANAGED_BY_TAG))
            && session != null) {
          ours.put(detail.name(), ObservedRole.of(detail, session));
        }
      }
      return ours;
    } catch (AwsCallException e) {
      // Not a failure of any role: each is read directly until the next period's attempt.
      log.warn(
          "could not read the roles of account {} in bulk, reading them one by one until {}: {}",
          iam.account(),
          clock.instant().plus(readEvery),
          e.getMessage());
      return Map.of();
    }
  }

  private static void install(
      Account account, Map<String, ObservedRole> read, long startedAt, Instant started) {
    synchronized (account) {
      Map<String, ObservedRole> roles = new HashMap<>(read);
      account.touched.forEach(
          (name, at) -> {
            if (at > startedAt) {
              ObservedRole known = account.roles.get(name);
              if (known == null) {
                roles.remove(name);
              } else {
                roles.put(name, known);
              }
            }
          });
      account.touched.values().removeIf(at -> at <= startedAt);
      account.roles = Map.copyOf(roles);
      account.readAt = started;
    }
  }
}
