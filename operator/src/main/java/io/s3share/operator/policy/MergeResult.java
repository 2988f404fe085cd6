package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The merged bucket policy and what to do with it.
 *
 * @param document the policy to write; empty means delete the bucket policy
 * @param changed false when the result means the same as the current policy (or both absent)
 * @param sizeBytes minified UTF-8 size of {@code document}, 0 when absent
 * @param foreign the statements of others that were kept, in their original order
 */
public record MergeResult(
    Optional<String> document, boolean changed, int sizeBytes, List<ObjectNode> foreign) {

  /** S3's bucket policy size limit, measured without whitespace. */
  public static final int BUCKET_POLICY_LIMIT_BYTES = 20 * 1024;

  public MergeResult {
    Objects.requireNonNull(document, "document");
    foreign =
        Objects.requireNonNull(foreign, "foreign").stream().map(ObjectNode::deepCopy).toList();
  }

  public boolean exceeds(int limitBytes) {
    return sizeBytes > limitBytes;
  }

  public boolean exceedsBucketPolicyLimit() {
    return exceeds(BUCKET_POLICY_LIMIT_BYTES);
  }
}
