package io.s3share.operator.policy;

import java.util.List;
import java.util.SortedSet;

/** What a share lets a grantee do, expressed as the minimal S3 action sets. */
public enum AccessLevel {
  LIST(List.of("s3:ListBucket", "s3:GetBucketLocation"), List.of()),
  READ(
      List.of("s3:ListBucket", "s3:GetBucketLocation"),
      List.of("s3:GetObject", "s3:GetObjectVersion")),
  // No list and no read: a drop box. PutObjectAcl is never needed with BucketOwnerEnforced.
  WRITE(List.of(), List.of("s3:PutObject", "s3:AbortMultipartUpload")),
  READ_WRITE(
      List.of("s3:ListBucket", "s3:GetBucketLocation"),
      List.of(
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:DeleteObject"));

  private final SortedSet<String> bucketActions;
  private final SortedSet<String> objectActions;

  AccessLevel(List<String> bucketActions, List<String> objectActions) {
    this.bucketActions = Sorted.copyOf(bucketActions);
    this.objectActions = Sorted.copyOf(objectActions);
  }

  /** Actions granted on {@code arn:aws:s3:::bucket}. */
  public SortedSet<String> bucketActions() {
    return bucketActions;
  }

  /** Actions granted on the object ARNs ({@code arn:aws:s3:::bucket/prefix*}). */
  public SortedSet<String> objectActions() {
    return objectActions;
  }
}
