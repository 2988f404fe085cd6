package io.s3share.operator.bucketshare;

import java.util.Map;

/** Planner scopes for tests of shares that are all granted through the bucket policy. */
final class PlannerScopes {

  static final BucketPlanner.AccessPointScope NO_ACCESS_POINTS =
      new BucketPlanner.AccessPointScope(
          "bucket",
          "111122223333",
          "arn:aws:s3:us-east-1:111122223333:accesspoint/s3s-unit-*",
          Map.of());

  private PlannerScopes() {}
}
