package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.BucketPolicyPort;
import java.util.Optional;

/**
 * A bucket's policy port that counts the reads one converge makes, so that the converge's metrics
 * say what steady state costs without the writer counting at each of its reads.
 */
final class CountedReads implements BucketPolicyPort {

  private final BucketPolicyPort port;
  private int reads;

  CountedReads(BucketPolicyPort port) {
    this.port = port;
  }

  int reads() {
    return reads;
  }

  @Override
  public Optional<String> read(String bucket) {
    reads++;
    return port.read(bucket);
  }

  @Override
  public void write(String bucket, String policy) {
    port.write(bucket, policy);
  }

  @Override
  public void delete(String bucket) {
    port.delete(bucket);
  }

  @Override
  public boolean accountOwns(String bucket) {
    return port.accountOwns(bucket);
  }
}
