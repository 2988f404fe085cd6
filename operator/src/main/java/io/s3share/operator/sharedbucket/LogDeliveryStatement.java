package io.s3share.operator.sharedbucket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The statement a log target's bucket policy needs so that S3 can deliver server access logs:
 * {@code logging.s3.amazonaws.com} may put objects under the prefix, only for the source bucket
 * ({@code aws:SourceArn}) of the owner's account ({@code aws:SourceAccount}), as AWS documents.
 * Pinned to a fixed SourceAccount, it is not public under S3's definition.
 */
public final class LogDeliveryStatement {

  static final String SERVICE = "logging.s3.amazonaws.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LogDeliveryStatement() {}

  /** For logs of {@code sourceBucket} only. */
  public static ObjectNode forSource(
      String partition,
      String targetBucket,
      String prefix,
      String sourceBucket,
      String ownerAccount,
      BucketStatementSids sids) {
    ObjectNode statement = base(partition, targetBucket, prefix);
    ObjectNode condition = statement.putObject("Condition");
    condition
        .putObject("ArnLike")
        .put("aws:SourceArn", "arn:" + partition + ":s3:::" + sourceBucket);
    condition.putObject("StringEquals").put("aws:SourceAccount", ownerAccount);
    return withSid(statement, sids);
  }

  /** For logs of any bucket of the owner's account: what a LogDelivery ACL grant allowed. */
  static ObjectNode forAccount(
      String partition,
      String targetBucket,
      String prefix,
      String ownerAccount,
      BucketStatementSids sids) {
    ObjectNode statement = base(partition, targetBucket, prefix);
    statement
        .putObject("Condition")
        .putObject("StringEquals")
        .put("aws:SourceAccount", ownerAccount);
    return withSid(statement, sids);
  }

  // moto accepts a log target only when Service, Action and Resource have exactly these shapes
  // (strings, Resource the target's ARN with the prefix and *); AWS accepts them too.
  private static ObjectNode base(String partition, String targetBucket, String prefix) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Effect", "Allow");
    node.putObject("Principal").put("Service", SERVICE);
    node.put("Action", "s3:PutObject");
    node.put("Resource", "arn:" + partition + ":s3:::" + targetBucket + "/" + prefix + "*");
    return node;
  }

  private static ObjectNode withSid(ObjectNode statement, BucketStatementSids sids) {
    ObjectNode withSid = JSON.createObjectNode();
    withSid.put("Sid", sids.sidFor(statement.toString()));
    withSid.setAll(statement);
    return withSid;
  }
}
