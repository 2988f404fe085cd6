package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.RoleKeyPermissions;
import io.s3share.operator.policy.RolePermissions;
import io.s3share.operator.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoleKeysTest {

  private static final String ACCOUNT = "111122223333";
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String KEY_ARN = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + KEY_ID;

  /** A fake port that counts reads; the IT reads real encryption from the emulator. */
  private static final class Encryptions implements BucketEncryptionPort {
    final List<String> reads = new ArrayList<>();
    Map<String, DefaultEncryption> byBucket = Map.of();
    AwsCallException failure;

    @Override
    public Optional<DefaultEncryption> read(String bucket) {
      reads.add(bucket);
      if (failure != null) {
        throw failure;
      }
      return Optional.ofNullable(byBucket.get(bucket));
    }
  }

  private static RolePermissions.BucketGrant grant(String bucket, AccessLevel access) {
    return new RolePermissions.BucketGrant(bucket, access, Set.of(), List.of());
  }

  @Test
  void readsEachBucketOncePerPeriodWhateverTheNumberOfRoles() {
    Encryptions s3 = new Encryptions();
    s3.byBucket =
        Map.of(
            "example-data",
            new BucketEncryptionPort.DefaultEncryption("aws:kms", Optional.of(KEY_ID), true));
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RoleKeys keys = new RoleKeys(Duration.ofMinutes(5), clock);
    List<RolePermissions.BucketGrant> grants =
        List.of(grant("example-data", AccessLevel.READ), grant("example-listed", AccessLevel.LIST));

    RoleKeys.Resolved first = keys.resolve(grants, "role-a", ACCOUNT, "eu-west-1", () -> s3);
    keys.resolve(grants, "role-b", ACCOUNT, "eu-west-1", () -> s3);
    clock.advance(Duration.ofMinutes(5));
    keys.resolve(grants, "role-a", ACCOUNT, "eu-west-1", () -> s3);

    assertThat(first.keys())
        .containsExactly(
            Map.entry(
                "example-data", new RoleKeyPermissions.BucketKey(KEY_ARN, "eu-west-1", true)));
    assertThat(first.notes()).isEmpty();
    // A listed bucket is never read: listing needs no key.
    assertThat(s3.reads).containsExactly("example-data", "example-data");
  }

  @Test
  void theAwsManagedKeyNeedsNothingAndAThirdAccountKeyIsGrantedAndReported() {
    Encryptions s3 = new Encryptions();
    String foreign = "arn:aws:kms:eu-west-1:444455556666:key/" + KEY_ID;
    s3.byBucket =
        Map.of(
            "example-managed",
                new BucketEncryptionPort.DefaultEncryption("aws:kms", Optional.empty()),
            "example-foreign",
                new BucketEncryptionPort.DefaultEncryption("aws:kms", Optional.of(foreign)));
    RoleKeys keys = new RoleKeys(Duration.ofMinutes(5), Clock.systemUTC());

    RoleKeys.Resolved resolved =
        keys.resolve(
            List.of(
                grant("example-managed", AccessLevel.READ_WRITE),
                grant("example-foreign", AccessLevel.WRITE)),
            "reports-reader",
            ACCOUNT,
            "eu-west-1",
            () -> s3);

    assertThat(resolved.keys()).containsOnlyKeys("example-foreign");
    assertThat(resolved.notes())
        .singleElement()
        .asString()
        .contains(foreign, "444455556666", "reports-reader", "kms:Decrypt and kms:GenerateDataKey");
  }

  @Test
  void anUnreadableEncryptionIsReportedWithTheActionToGrant() {
    Encryptions s3 = new Encryptions();
    s3.failure = AwsCallException.accessDenied("denied", null, "s3:GetEncryptionConfiguration");
    RoleKeys keys = new RoleKeys(Duration.ofMinutes(5), Clock.systemUTC());

    RoleKeys.Resolved resolved =
        keys.resolve(
            List.of(grant("example-data", AccessLevel.READ)), "r", ACCOUNT, "eu-west-1", () -> s3);

    assertThat(resolved.keys()).isEmpty();
    assertThat(resolved.notes())
        .singleElement()
        .asString()
        .contains("example-data", "s3:GetEncryptionConfiguration");
  }

  @Test
  void rolesThatReconcileAtOnceShareOneRead() throws InterruptedException {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> reads = new CopyOnWriteArrayList<>();
    BucketEncryptionPort slow =
        bucket -> {
          reads.add(bucket);
          reading.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        };
    RoleKeys keys = new RoleKeys(Duration.ofMinutes(5), Clock.systemUTC());
    List<RolePermissions.BucketGrant> grants = List.of(grant("example-data", AccessLevel.READ));

    List<RoleKeys.Resolved> results = new CopyOnWriteArrayList<>();
    Thread first =
        new Thread(() -> results.add(keys.resolve(grants, "a", ACCOUNT, "eu-west-1", () -> slow)));
    Thread second =
        new Thread(() -> results.add(keys.resolve(grants, "b", ACCOUNT, "eu-west-1", () -> slow)));
    first.start();
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    second.start();
    // The second role either waits for the first one's read or, wrongly, reads itself.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> second.getState() == Thread.State.BLOCKED || reads.size() > 1);
    release.countDown();
    first.join(10_000);
    second.join(10_000);

    assertThat(results).hasSize(2);
    assertThat(reads).containsExactly("example-data");
  }
}
