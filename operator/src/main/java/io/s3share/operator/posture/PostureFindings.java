package io.s3share.operator.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a bucket's posture, and what a share needs from the bucket, into findings that say what to
 * do. Pure: the same posture and need always give the same sorted findings.
 */
public final class PostureFindings {

  public static final String ACLS_ENABLED = "AclsEnabled";
  public static final String BUCKET_ACL_GRANT = "BucketAclGrant";
  public static final String PUBLIC_ACL_GRANT = "PublicAclGrant";
  public static final String OBJECT_ACL_GRANT = "ObjectAclGrant";
  public static final String BLOCK_PUBLIC_ACCESS_OFF = "BlockPublicAccessOff";
  public static final String ACCESS_LOGGING_OFF = "AccessLoggingOff";
  public static final String ACL_CONDITION_IN_POLICY = "AclConditionInPolicy";
  public static final String DATA_EVENTS_NOT_RECORDED = "DataEventsNotRecorded";
  public static final String KMS_AWS_MANAGED_KEY = "KmsAwsManagedKey";
  public static final String KMS_KEY_IN_OTHER_ACCOUNT = "KmsKeyInOtherAccount";
  public static final String POSTURE_UNREADABLE = "PostureUnreadable";

  private static final String SEE = " (see docs/posture.md).";

  private PostureFindings() {}

  public static List<Finding> of(BucketPosture posture, ShareNeed need) {
    List<Finding> findings = new ArrayList<>();
    String bucket = posture.bucket();
    ownership(posture, need, findings);
    posture
        .bucketAcl()
        .read()
        .ifPresent(
            grants -> {
              List<AclGrant> others = grants.stream().filter(g -> !g.isPublic()).toList();
              List<AclGrant> everyone = grants.stream().filter(AclGrant::isPublic).toList();
              if (!others.isEmpty()) {
                findings.add(
                    new Finding(
                        BUCKET_ACL_GRANT,
                        Severity.BestPractice,
                        "The ACL of bucket "
                            + bucket
                            + " grants "
                            + describe(others)
                            + " to other accounts. Move these grants into bucket-policy"
                            + " statements and reset the ACL to private with a SharedBucket"
                            + SEE));
              }
              if (!everyone.isEmpty()) {
                findings.add(
                    new Finding(
                        PUBLIC_ACL_GRANT,
                        Severity.BestPractice,
                        "The ACL of bucket "
                            + bucket
                            + " grants "
                            + describe(everyone)
                            + ": anyone can use it. Decide whether that is intended; if not,"
                            + " remove the grant and turn on Block Public Access"
                            + SEE));
              }
            });
    posture
        .objectAcls()
        .read()
        .filter(sample -> !sample.grants().isEmpty())
        .ifPresent(
            sample ->
                findings.add(
                    new Finding(
                        OBJECT_ACL_GRANT,
                        Severity.BestPractice,
                        "Of "
                            + sample.sampled()
                            + " sampled object(s) of bucket "
                            + bucket
                            + ", "
                            + sample.grants().stream().map(AclGrant::key).distinct().count()
                            + " have ACL grants to other accounts or to everyone ("
                            + describeObjects(sample.grants())
                            + "). Enforce BucketOwnerEnforced with a SharedBucket, which disables"
                            + " object ACLs, after moving the access they give into the bucket"
                            + " policy"
                            + SEE)));
    blockPublicAccess("bucket " + bucket, posture.bucketBlock(), findings);
    blockPublicAccess("account " + posture.ownerAccountId(), posture.accountBlock(), findings);
    posture
        .logging()
        .read()
        .filter(Optional::isEmpty)
        .ifPresent(
            off ->
                findings.add(
                    new Finding(
                        ACCESS_LOGGING_OFF,
                        Severity.BestPractice,
                        "Server access logging is off for bucket "
                            + bucket
                            + ": nobody can tell who used the share. Turn it on to a log bucket"
                            + " with a SharedBucket (see docs/monitoring.md).")));
    posture
        .aclConditionStatements()
        .read()
        .filter(sids -> !sids.isEmpty())
        .ifPresent(
            sids ->
                findings.add(
                    new Finding(
                        ACL_CONDITION_IN_POLICY,
                        Severity.BestPractice,
                        "Statement(s) "
                            + String.join(", ", sids)
                            + " of the policy of bucket "
                            + bucket
                            + " test s3:x-amz-acl or s3:x-amz-grant-*. Once Object Ownership is"
                            + " BucketOwnerEnforced, S3 accepts only bucket-owner-full-control"
                            + " or no ACL: change those conditions before enforcing it"
                            + SEE)));
    posture
        .dataEvents()
        .read()
        .filter(events -> !events.recorded())
        .ifPresent(
            none ->
                findings.add(
                    new Finding(
                        DATA_EVENTS_NOT_RECORDED,
                        Severity.BestPractice,
                        "No CloudTrail trail in account "
                            + posture.ownerAccountId()
                            + " records S3 data events for bucket "
                            + bucket
                            + ". Add an S3 data-event selector for it to a trail (see"
                            + " docs/monitoring.md).")));
    if (need.touchesObjects()) {
      posture.encryption().read().ifPresent(e -> kms(posture, e, need, findings));
    }
    unreadable(posture, findings);
    return findings.stream().distinct().sorted(Finding.ORDER).toList();
  }

  private static void ownership(BucketPosture posture, ShareNeed need, List<Finding> findings) {
    if (!posture.aclsEnabled()) {
      return;
    }
    String ownership = posture.objectOwnership().read().flatMap(o -> o).orElse("not set");
    boolean writerOwns = !ownership.equals("BucketOwnerPreferred");
    String message =
        "ACLs are enabled on bucket "
            + posture.bucket()
            + " (Object Ownership: "
            + ownership
            + ")."
            + (need.writesObjects()
                ? writerOwns
                    ? " Objects that consumers write stay owned by them, and the bucket's owner and"
                        + " other consumers may be unable to read them."
                    : " Objects that consumers write without the bucket-owner-full-control ACL"
                        + " stay owned by them."
                : "")
            + " Set Object Ownership to BucketOwnerEnforced with a SharedBucket"
            + SEE;
    findings.add(
        new Finding(
            ACLS_ENABLED,
            need.writesObjects() && writerOwns ? Severity.Blocking : Severity.BestPractice,
            message));
  }

  private static void blockPublicAccess(
      String where, Fact<PublicAccessBlock> block, List<Finding> findings) {
    block
        .read()
        .filter(settings -> !settings.off().isEmpty())
        .ifPresent(
            settings ->
                findings.add(
                    new Finding(
                        BLOCK_PUBLIC_ACCESS_OFF,
                        Severity.BestPractice,
                        "Block Public Access of "
                            + where
                            + " has "
                            + String.join(", ", settings.off())
                            + " off. Turn all four on"
                            + (where.startsWith("bucket") ? " with a SharedBucket" : "")
                            + "; the operator's own statements are never public"
                            + SEE)));
  }

  private static void kms(
      BucketPosture posture, Encryption encryption, ShareNeed need, List<Finding> findings) {
    switch (KmsKeys.of(encryption, posture.ownerAccountId())) {
      case AWS_MANAGED -> {
        if (need.crossAccount()) {
          findings.add(
              new Finding(
                  KMS_AWS_MANAGED_KEY,
                  Severity.Blocking,
                  "Bucket "
                      + posture.bucket()
                      + " encrypts new objects with the AWS managed key aws/s3, which other"
                      + " accounts cannot use: consumers get AccessDenied on its objects. Set the"
                      + " bucket's default encryption to a customer managed key in account "
                      + posture.ownerAccountId()
                      + ", and re-encrypt existing objects with it"
                      + SEE));
        }
      }
      case OTHER_ACCOUNT ->
          findings.add(
              new Finding(
                  KMS_KEY_IN_OTHER_ACCOUNT,
                  Severity.BestPractice,
                  "The default KMS key of bucket "
                      + posture.bucket()
                      + " ("
                      + encryption.kmsKeyId().orElse("")
                      + ") is in another account, whose key policy the operator leaves alone:"
                      + " make sure it allows the share's principals kms:Decrypt"
                      + (need.writesObjects() ? " and kms:GenerateDataKey" : "")
                      + " through S3"
                      + SEE));
      default -> {}
    }
  }

  private static void unreadable(BucketPosture posture, List<Finding> findings) {
    TreeSet<String> denied = new TreeSet<>();
    TreeSet<String> unavailable = new TreeSet<>();
    for (Fact<?> fact : posture.facts()) {
      if (fact instanceof Fact.Unreadable<?> missing) {
        (missing.denied() ? denied : unavailable).add(missing.iamAction());
      }
    }
    for (String action : denied) {
      findings.add(
          new Finding(
              POSTURE_UNREADABLE,
              Severity.BestPractice,
              "The operator may not read part of the posture of bucket "
                  + posture.bucket()
                  + ": grant "
                  + action
                  + " to the operator's role (see docs/operator-iam-policy.json)."));
    }
    for (String action : unavailable) {
      findings.add(
          new Finding(
              POSTURE_UNREADABLE,
              Severity.BestPractice,
              "The operator could not read part of the posture of bucket "
                  + posture.bucket()
                  + ": "
                  + action
                  + " is not available at the account's endpoint, or AWS kept failing. It is"
                  + " read again at the next resync; if it stays so, check"
                  + " spec.endpoints of the AwsAccount (see docs/posture.md)."));
    }
  }

  private static String describe(List<AclGrant> grants) {
    return grants.stream()
        .map(g -> g.permission() + " to " + g.grantee())
        .sorted()
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private static String describeObjects(List<AclGrant> grants) {
    return grants.stream()
            .map(g -> g.key() + ": " + g.permission() + " to " + g.grantee())
            .sorted()
            .distinct()
            .limit(5)
            .collect(Collectors.joining(", "))
        + (grants.size() > 5 ? ", …" : "");
  }
}
