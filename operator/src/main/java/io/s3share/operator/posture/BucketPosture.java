package io.s3share.operator.posture;

import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import java.util.List;
import java.util.Optional;

/**
 * The read-only posture of one bucket: who its ACLs let in, how public it may become, how it is
 * encrypted and whether access to it is recorded.
 *
 * @param bucket the bucket's name
 * @param ownerAccountId the account that owns the bucket
 * @param objectOwnership BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter; empty when the
 *     bucket has no ownership controls (ACLs enabled)
 * @param bucketAcl grants of the bucket ACL to other accounts or to everyone
 * @param aclConditionStatements the bucket-policy statements (Sid, or position) that test {@code
 *     s3:x-amz-acl} or {@code s3:x-amz-grant-*}
 * @param logging where server access logs go; empty when logging is off
 */
public record BucketPosture(
    String bucket,
    String ownerAccountId,
    Fact<Optional<String>> objectOwnership,
    Fact<PublicAccessBlock> bucketBlock,
    Fact<PublicAccessBlock> accountBlock,
    Fact<List<AclGrant>> bucketAcl,
    Fact<List<String>> aclConditionStatements,
    Fact<Encryption> encryption,
    Fact<Optional<LogTarget>> logging,
    Fact<ObjectAclSample> objectAcls,
    Fact<DataEvents> dataEvents) {

  public static final String ENFORCED = "BucketOwnerEnforced";

  /** Whether ACLs can still grant access: Object Ownership is known and not BucketOwnerEnforced. */
  public boolean aclsEnabled() {
    return objectOwnership.read().map(o -> !o.equals(Optional.of(ENFORCED))).orElse(false);
  }

  /** Every fact, in the order status lists them; for what applies to each alike. */
  public List<Fact<?>> facts() {
    return List.of(
        objectOwnership,
        bucketBlock,
        accountBlock,
        bucketAcl,
        aclConditionStatements,
        encryption,
        logging,
        objectAcls,
        dataEvents);
  }
}
