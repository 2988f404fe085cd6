package io.s3share.operator.aws;

import java.util.Optional;

/** The server access logging of one account's buckets. */
public interface BucketLoggingPort {

  /** Where a bucket's access logs go. */
  record LogTarget(String bucket, String prefix) {}

  /** The bucket's log target, or empty when server access logging is off. */
  Optional<LogTarget> read(String bucket);

  /** Turns server access logging on, to the target. */
  void write(String bucket, LogTarget target);
}
