package io.s3share.operator.posture;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketAclPort;
import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import io.s3share.operator.aws.PublicAccessBlockPort;
import io.s3share.operator.aws.TrailPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the parts of a bucket's posture through read-only ports. A read the operator is not allowed
 * (or that the service does not offer) becomes an unreadable fact, never a failed share; only
 * retryable trouble (throttling, AWS unreachable) is thrown.
 */
public final class PostureReader {

  private static final String ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
  private static final String AUTHENTICATED_URI =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

  private final PosturePorts ports;

  public PostureReader(PosturePorts ports) {
    this.ports = ports;
  }

  /** What only the bucket decides. */
  public record BucketFacts(
      Fact<Optional<String>> objectOwnership,
      Fact<PublicAccessBlock> bucketBlock,
      Fact<List<AclGrant>> bucketAcl,
      Fact<List<String>> aclConditionStatements,
      Fact<Encryption> encryption,
      Fact<Optional<LogTarget>> logging) {}

  /** What the account decides for all its buckets. */
  public record AccountFacts(
      Fact<PublicAccessBlock> accountBlock, Fact<List<TrailPort.S3DataEvents>> trails) {}

  public BucketFacts bucket(String bucket) {
    return new BucketFacts(
        read("s3:GetBucketOwnershipControls", () -> ports.ownership().read(bucket)),
        read(
            "s3:GetBucketPublicAccessBlock",
            () ->
                ports
                    .bucketBlock()
                    .read(bucket)
                    .map(PostureReader::of)
                    .orElse(PublicAccessBlock.OFF)),
        read(
            "s3:GetBucketAcl",
            () -> ports.acls().read(bucket).map(acl -> beyondOwner("", acl)).orElse(List.of())),
        read(
            "s3:GetBucketPolicy",
            () -> ports.policies().read(bucket).map(AclConditions::in).orElse(List.of())),
        read(
            "s3:GetEncryptionConfiguration",
            () ->
                ports
                    .encryption()
                    .read(bucket)
                    .map(PostureReader::of)
                    .orElse(Encryption.S3_MANAGED)),
        read("s3:GetBucketLogging", () -> ports.logging().read(bucket)));
  }

  public AccountFacts account() {
    return new AccountFacts(
        read(
            "s3:GetAccountPublicAccessBlock",
            () -> ports.accountBlock().read().map(PostureReader::of).orElse(PublicAccessBlock.OFF)),
        trails());
  }

  /**
   * The trails, or unreadable on any failure: CloudTrail may not be offered where S3 is (an
   * emulator, a restricted endpoint), and an answer about trails must not hold up the rest of the
   * posture.
   */
  private Fact<List<TrailPort.S3DataEvents>> trails() {
    try {
      return read("cloudtrail:DescribeTrails", () -> ports.trails().s3DataEvents());
    } catch (AwsCallException e) {
      return Fact.unavailable(e.deniedAction().orElse("cloudtrail:DescribeTrails"));
    }
  }

  /**
   * The ACLs of at most {@code limit} objects under the prefixes, listed one page per prefix.
   * Skipped when ACLs are disabled, since object ACLs then grant nothing.
   */
  public Fact<ObjectAclSample> sample(
      String bucket, List<String> prefixes, int limit, boolean aclsEnabled) {
    List<String> where =
        prefixes.isEmpty() ? List.of("") : List.copyOf(new LinkedHashSet<>(prefixes));
    if (!aclsEnabled) {
      return Fact.known(
          ObjectAclSample.skipped(
              where, limit, "ACLs are disabled (BucketOwnerEnforced): object ACLs grant nothing"));
    }
    if (limit <= 0) {
      return Fact.known(ObjectAclSample.skipped(where, limit, "sampling is switched off"));
    }
    return read(
        "s3:GetObjectAcl",
        () -> {
          List<String> keys = new ArrayList<>();
          for (String prefix : where) {
            if (keys.size() >= limit) {
              break;
            }
            for (String key : ports.objects().keys(bucket, prefix, limit - keys.size())) {
              if (keys.size() < limit && !keys.contains(key)) {
                keys.add(key);
              }
            }
          }
          List<AclGrant> grants = new ArrayList<>();
          int sampled = 0;
          for (String key : keys) {
            Optional<BucketAclPort.Acl> acl = ports.acls().readObject(bucket, key);
            if (acl.isPresent()) {
              sampled++;
              grants.addAll(beyondOwner(key, acl.get()));
            }
          }
          return new ObjectAclSample(where, sampled, limit, "", grants);
        });
  }

  /** The grants of an ACL to anyone but its owner, the owner's account and AWS's log delivery. */
  static List<AclGrant> beyondOwner(String key, BucketAclPort.Acl acl) {
    List<AclGrant> beyond = new ArrayList<>();
    for (BucketAclPort.AclGrant grant : acl.grants()) {
      switch (grant.type()) {
        case Group -> {
          if (ALL_USERS_URI.equals(grant.id())) {
            beyond.add(new AclGrant(key, AclGrant.ALL_USERS, grant.permission()));
          } else if (AUTHENTICATED_URI.equals(grant.id())) {
            beyond.add(new AclGrant(key, AclGrant.AUTHENTICATED_USERS, grant.permission()));
          }
        }
        case CanonicalUser -> {
          if (!grant.id().equals(acl.ownerId())) {
            beyond.add(new AclGrant(key, grant.id(), grant.permission()));
          }
        }
        case AmazonCustomerByEmail -> beyond.add(new AclGrant(key, grant.id(), grant.permission()));
      }
    }
    return beyond.stream().distinct().toList();
  }

  private static PublicAccessBlock of(PublicAccessBlockPort.Settings s) {
    return new PublicAccessBlock(
        s.blockPublicAcls(),
        s.ignorePublicAcls(),
        s.blockPublicPolicy(),
        s.restrictPublicBuckets());
  }

  private static Encryption of(io.s3share.operator.aws.BucketEncryptionPort.DefaultEncryption e) {
    return new Encryption(e.algorithm(), e.kmsKeyId(), e.bucketKeyEnabled());
  }

  /**
   * A fact, or unreadable naming the action that failed: a denial, or another terminal answer such
   * as a service the endpoint does not offer. Either way the field is reported, not the share
   * failed.
   */
  private static <T> Fact<T> read(String action, Supplier<T> read) {
    try {
      return Fact.known(read.get());
    } catch (AwsCallException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return e.deniedAction().isPresent()
          ? Fact.unreadable(e.deniedAction().get())
          : Fact.unavailable(action);
    }
  }
}
