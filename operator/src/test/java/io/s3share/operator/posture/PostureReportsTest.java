package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketAclPort;
import io.s3share.operator.aws.PublicAccessBlockPort;
import io.s3share.operator.metrics.PostureMetrics;
import io.s3share.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PostureReportsTest {

  private static final String ACCOUNT = "111122223333";

  private final AtomicInteger ownershipReads = new AtomicInteger();
  private final AtomicInteger trailReads = new AtomicInteger();
  private final AtomicInteger policyReads = new AtomicInteger();
  private String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
  private volatile boolean throttled;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private PosturePorts ports() {
    BucketAclPort acls =
        new BucketAclPort() {
          @Override
          public Optional<Acl> read(String bucket) {
            return Optional.of(new Acl("owner", List.of()));
          }

          @Override
          public Optional<Acl> readObject(String bucket, String key) {
            return Optional.empty();
          }

          @Override
          public void makePrivate(String bucket) {
            throw new AssertionError("never written");
          }
        };
    return new PosturePorts(
        ACCOUNT,
        new io.s3share.operator.aws.OwnershipControlsPort() {
          @Override
          public Optional<String> read(String bucket) {
            if (throttled) {
              throw AwsCallException.retryable("AwsThrottled", "slow down", null);
            }
            ownershipReads.incrementAndGet();
            return Optional.of(BucketPosture.ENFORCED);
          }

          @Override
          public void write(String bucket, String objectOwnership) {
            throw new AssertionError("never written");
          }
        },
        new PublicAccessBlockPort() {
          @Override
          public Optional<Settings> read(String bucket) {
            return Optional.of(new Settings(true, true, true, true));
          }

          @Override
          public boolean restrictsPublicBuckets(String bucket) {
            return true;
          }

          @Override
          public void blockAll(String bucket) {
            throw new AssertionError("never written");
          }
        },
        () -> Optional.of(new PublicAccessBlockPort.Settings(true, true, true, true)),
        acls,
        new io.s3share.operator.aws.BucketPolicyPort() {
          @Override
          public Optional<String> read(String bucket) {
            policyReads.incrementAndGet();
            return Optional.of(policy);
          }

          @Override
          public void write(String bucket, String policy) {
            throw new AssertionError("never written");
          }

          @Override
          public void delete(String bucket) {
            throw new AssertionError("never written");
          }

          @Override
          public boolean accountOwns(String bucket) {
            return true;
          }
        },
        bucket -> Optional.empty(),
        new io.s3share.operator.aws.BucketLoggingPort() {
          @Override
          public Optional<LogTarget> read(String bucket) {
            return Optional.of(new LogTarget("logs", ""));
          }

          @Override
          public void write(String bucket, LogTarget target) {
            throw new AssertionError("never written");
          }
        },
        (bucket, prefix, max) -> List.of(),
        () -> {
          trailReads.incrementAndGet();
          return List.of();
        });
  }

  @Test
  void aBucketIsReadOncePerPeriodWhateverTheNumberOfShares() {
    PostureReports reports =
        new PostureReports(
            Duration.ofMinutes(5), 20, clock, new PostureMetrics(new SimpleMeterRegistry()));
    ShareNeed need = new ShareNeed(true, false, true, List.of("a/"));
    for (int share = 0; share < 100; share++) {
      assertThat(reports.report("share-" + share, "data", need, ACCOUNT, this::ports)).isPresent();
    }
    assertThat(ownershipReads).hasValue(1);
    assertThat(trailReads).hasValue(1);

    clock.advance(Duration.ofMinutes(5));
    reports.report("share-0", "data", need, ACCOUNT, this::ports);
    assertThat(ownershipReads).hasValue(2);
  }

  @Test
  void aPolicyTheWriterSawLatelyIsNotReadAgain() {
    String seen =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Legacy\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
            + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::data/*\","
            + "\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"public-read\"}}}]}";
    PostureReports reports =
        new PostureReports(
            Duration.ofMinutes(5),
            20,
            clock,
            new PostureMetrics(new SimpleMeterRegistry()),
            (account, bucket) ->
                bucket.equals("data") ? Optional.of(Optional.of(seen)) : Optional.empty());
    ShareNeed need = new ShareNeed(true, false, true, List.of("a/"));

    var data = reports.report("share", "data", need, ACCOUNT, this::ports).orElseThrow();
    assertThat(policyReads).as("reads of a policy the writer saw").hasValue(0);
    assertThat(data.getFindings())
        .as("findings from the policy the writer saw")
        .anySatisfy(f -> assertThat(f.getReason()).isEqualTo("AclConditionInPolicy"));

    reports.report("share", "other", need, ACCOUNT, this::ports);
    assertThat(policyReads).as("reads of a policy the writer did not see").hasValue(1);
  }

  @Test
  void throttlingKeepsWhatStatusShowsInsteadOfFailingTheShare() {
    PostureReports reports =
        new PostureReports(
            Duration.ofMinutes(5), 20, clock, new PostureMetrics(new SimpleMeterRegistry()));
    throttled = true;
    assertThat(
            reports.report(
                "share",
                "data",
                new ShareNeed(false, false, true, List.of()),
                ACCOUNT,
                this::ports))
        .isEmpty();
  }
}
