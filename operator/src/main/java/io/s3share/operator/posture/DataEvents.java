package io.s3share.operator.posture;

import java.util.List;

/**
 * Whether a CloudTrail trail in the owner account records S3 data events for the bucket.
 *
 * @param trails the names of the trails that record them; empty when none does
 */
public record DataEvents(List<String> trails) {

  public DataEvents {
    trails = List.copyOf(trails);
  }

  public boolean recorded() {
    return !trails.isEmpty();
  }
}
