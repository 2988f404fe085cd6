package io.s3share.operator.posture;

import io.s3share.operator.aws.TrailPort;
import java.util.List;

/** Which trails record S3 data events for a bucket's objects: pure, from the trails' selectors. */
public final class DataEventCoverage {

  private DataEventCoverage() {}

  public static DataEvents of(List<TrailPort.S3DataEvents> trails, String bucket) {
    String objects = "arn:aws:s3:::" + bucket + "/";
    return new DataEvents(
        trails.stream()
            .filter(
                trail ->
                    trail.arnPrefixes().stream().anyMatch(p -> covers(p, objects))
                        && trail.excludedPrefixes().stream()
                            .noneMatch(p -> objects.startsWith(p) && !p.isEmpty()))
            .map(TrailPort.S3DataEvents::name)
            .sorted()
            .distinct()
            .toList());
  }

  /** A selector covers the bucket when it names all buckets, the bucket, or a prefix in it. */
  private static boolean covers(String prefix, String objects) {
    return objects.startsWith(prefix) || prefix.startsWith(objects);
  }
}
