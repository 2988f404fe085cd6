package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketAclPort;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.aws.BucketAclPort.GranteeType;
import io.s3share.operator.aws.ObjectListingPort;
import io.s3share.operator.aws.TrailPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PostureReaderTest {

  private static final String OWNER_ID = "owner-canonical";

  /** Object ACLs read by a fake: each object grants READ to another account. */
  private static final class Objects implements ObjectListingPort, BucketAclPort {
    final int perPrefix;
    final AtomicInteger aclReads = new AtomicInteger();

    Objects(int perPrefix) {
      this.perPrefix = perPrefix;
    }

    @Override
    public List<String> keys(String bucket, String prefix, int max) {
      return IntStream.range(0, Math.min(max, perPrefix)).mapToObj(i -> prefix + i).toList();
    }

    @Override
    public Optional<Acl> read(String bucket) {
      return Optional.of(new Acl(OWNER_ID, List.of()));
    }

    @Override
    public Optional<Acl> readObject(String bucket, String key) {
      aclReads.incrementAndGet();
      return Optional.of(
          new Acl(
              OWNER_ID,
              List.of(
                  new AclGrant(GranteeType.CanonicalUser, OWNER_ID, "FULL_CONTROL"),
                  new AclGrant(GranteeType.CanonicalUser, "other", "READ"))));
    }

    @Override
    public void makePrivate(String bucket) {
      throw new AssertionError("posture reading never writes an ACL");
    }
  }

  private static PostureReader reader(Objects objects) {
    return new PostureReader(
        new PosturePorts(
            "111122223333", null, null, null, objects, null, null, null, objects, null));
  }

  @Property
  void theSampleNeverExceedsItsLimit(
      @ForAll @IntRange(min = 0, max = 50) int perPrefix,
      @ForAll @IntRange(min = 0, max = 30) int limit,
      @ForAll @Size(max = 4)
          List<@net.jqwik.api.constraints.StringLength(min = 1, max = 3) String> prefixes) {
    Objects objects = new Objects(perPrefix);
    ObjectAclSample sample =
        reader(objects).sample("data", prefixes, limit, true).read().orElseThrow();
    assertThat(sample.sampled()).isLessThanOrEqualTo(limit);
    assertThat(objects.aclReads.get()).isLessThanOrEqualTo(limit);
    assertThat(sample.limit()).isEqualTo(limit);
    assertThat(sample.grants()).allSatisfy(g -> assertThat(g.grantee()).isEqualTo("other"));
  }

  @Test
  void noObjectIsReadWhenAclsAreDisabled() {
    Objects objects = new Objects(5);
    ObjectAclSample sample =
        reader(objects).sample("data", List.of("a/"), 20, false).read().orElseThrow();
    assertThat(sample.sampled()).isZero();
    assertThat(sample.skipped()).contains("BucketOwnerEnforced");
    assertThat(objects.aclReads.get()).isZero();
  }

  @Test
  void grantsToTheOwnerAndToLogDeliveryAreNotBeyondTheOwner() {
    Acl acl =
        new Acl(
            OWNER_ID,
            List.of(
                new AclGrant(GranteeType.CanonicalUser, OWNER_ID, "FULL_CONTROL"),
                new AclGrant(
                    GranteeType.Group, "http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE"),
                new AclGrant(
                    GranteeType.Group, "http://acs.amazonaws.com/groups/global/AllUsers", "READ"),
                new AclGrant(GranteeType.AmazonCustomerByEmail, "a@example.com", "READ")));
    assertThat(PostureReader.beyondOwner("", acl))
        .containsExactly(
            new io.s3share.operator.posture.AclGrant("", "AllUsers", "READ"),
            new io.s3share.operator.posture.AclGrant("", "a@example.com", "READ"));
  }

  @Test
  void aDeniedReadIsUnreadableAndNamesTheAction() {
    TrailPort denied =
        () -> {
          throw AwsCallException.accessDenied(
              "denied", new RuntimeException(), "cloudtrail:DescribeTrails");
        };
    var reader =
        new PostureReader(
            new PosturePorts(
                "111122223333",
                null,
                null,
                () -> Optional.empty(),
                null,
                null,
                null,
                null,
                null,
                denied));
    PostureReader.AccountFacts account = reader.account();
    assertThat(account.trails()).isEqualTo(Fact.unreadable("cloudtrail:DescribeTrails"));
    assertThat(account.accountBlock()).isEqualTo(Fact.known(PublicAccessBlock.OFF));
  }

  @Test
  void trailsThatCannotBeReadAtAllAreUnknownNotAFailedPosture() {
    TrailPort failing =
        () -> {
          throw AwsCallException.retryable("AwsUnreachable", "no CloudTrail here", null);
        };
    var reader =
        new PostureReader(
            new PosturePorts(
                "111122223333",
                null,
                null,
                () -> Optional.empty(),
                null,
                null,
                null,
                null,
                null,
                failing));
    assertThat(reader.account().trails()).isEqualTo(Fact.unavailable("cloudtrail:DescribeTrails"));
  }

  @Test
  void dataEventCoverageFollowsTheSelectors() {
    List<TrailPort.S3DataEvents> trails = new ArrayList<>();
    trails.add(new TrailPort.S3DataEvents("all", List.of("arn:aws:s3"), List.of()));
    trails.add(new TrailPort.S3DataEvents("one", List.of("arn:aws:s3:::data/reports/"), List.of()));
    trails.add(new TrailPort.S3DataEvents("other", List.of("arn:aws:s3:::logs/"), List.of()));
    trails.add(
        new TrailPort.S3DataEvents(
            "allButData", List.of("arn:aws:s3"), List.of("arn:aws:s3:::data/")));
    assertThat(DataEventCoverage.of(trails, "data").trails()).containsExactly("all", "one");
    assertThat(DataEventCoverage.of(List.of(), "data").recorded()).isFalse();
  }
}
