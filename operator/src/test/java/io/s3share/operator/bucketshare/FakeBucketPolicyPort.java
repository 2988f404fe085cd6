package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** One bucket's policy in memory, with the ways AWS and other writers can surprise the writer. */
final class FakeBucketPolicyPort implements BucketPolicyPort {

  Optional<String> policy = Optional.empty();
  final List<String> writes = new ArrayList<>();
  int reads;
  int deletes;

  /** Runs before the n-th read (1-based), e.g. a foreign writer acting between two reads. */
  int changeBeforeRead = -1;

  Runnable change = () -> {};

  /** Thrown by every read while set: AWS unreachable. */
  AwsCallException readFailure;

  /** Runs right after each successful write: a writer racing ours. */
  Runnable afterWrite = () -> {};

  /** Policies S3 refuses with "Invalid principal in policy". */
  Predicate<String> refuses = policy -> false;

  /** How reads show the stored policy, e.g. a deleted role as its unique id. */
  UnaryOperator<String> shows = UnaryOperator.identity();

  @Override
  public Optional<String> read(String bucket) {
    reads++;
    if (readFailure != null) {
      throw readFailure;
    }
    if (reads == changeBeforeRead) {
      change.run();
    }
    return policy.map(shows);
  }

  @Override
  public void write(String bucket, String document) {
    writes.add(document);
    if (refuses.test(document)) {
      throw AwsCallException.terminal(
          "PolicyRejected",
          "AWS rejected the policy for " + bucket + ": Invalid principal in policy",
          null);
    }
    policy = Optional.of(document);
    afterWrite.run();
  }

  @Override
  public void delete(String bucket) {
    deletes++;
    policy = Optional.empty();
  }

  @Override
  public boolean accountOwns(String bucket) {
    return true;
  }
}
