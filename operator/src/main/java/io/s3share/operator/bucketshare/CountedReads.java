package io.s3share.operator.bucketshare;

import io.s3share.operator.aws.BucketPolicyPort;

/**
 * A bucket's policy port that counts the reads one converge makes, so that the converge's metrics
 * say what steady state costs without the writer counting at each of its reads.
 */
final class CountedReads {

  private final BucketPolicyPort port;
  private int reads;

  CountedReads(BucketPolicyPort port) {
    this.port =
        BucketPolicyPort.readingThrough(
            port,
            bucket -> {
              reads++;
              return port.read(bucket);
            });
  }

  /** The port to converge through. */
  BucketPolicyPort port() {
    return port;
  }

  int reads() {
    return reads;
  }
}
