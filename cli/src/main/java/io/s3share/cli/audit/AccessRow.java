package io.s3share.cli.audit;

import java.util.List;

/**
 * One principal that can reach a bucket prefix, and how.
 *
 * @param prefix the object-key prefix, {@code *} for the whole bucket
 * @param principal who: an account, a role ARN, {@code *} (anyone) or {@code *} narrowed by
 *     conditions
 * @param actions the S3 actions the owner side allows
 * @param path the documents and statements that allow it (e.g. {@code bucket-policy/Sid})
 * @param managedBy the operator resource that manages the path ({@code BucketShare ns/name}), or
 *     {@code foreign}
 * @param note the evaluator's caveat, e.g. that the consumer account must also allow it
 */
public record AccessRow(
    String bucket,
    String prefix,
    String principal,
    List<String> actions,
    List<String> path,
    String managedBy,
    String note) {

  public static final String FOREIGN = "foreign";

  public AccessRow {
    actions = List.copyOf(actions);
    path = List.copyOf(path);
  }
}
