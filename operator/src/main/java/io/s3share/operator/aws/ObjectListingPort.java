package io.s3share.operator.aws;

import java.util.List;

/** Lists a few object keys of a bucket: one page, never the whole bucket. */
public interface ObjectListingPort {

  /** At most {@code max} keys under {@code prefix} (empty for the bucket's root), in S3's order. */
  List<String> keys(String bucket, String prefix, int max);
}
