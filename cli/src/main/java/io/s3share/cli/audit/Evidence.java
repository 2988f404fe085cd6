package io.s3share.cli.audit;

import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.bucketshare.ShareDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The documents read from AWS for an audit; plain data, so the audit itself stays pure. */
public final class Evidence {

  private Evidence() {}

  /** The key of {@link Bucket#shareSids}: a Sid and one principal, an account id as its root. */
  public static String grantKey(String sid, String principal) {
    String normal =
        principal.matches("\\d{12}") ? "arn:aws:iam::" + principal + ":root" : principal;
    return sid + " " + normal;
  }

  /**
   * One bucket and everything that decides who reaches it.
   *
   * @param shareSids for each statement this installation wrote and each principal in it (see
   *     {@link #grantKey}), the shares ({@code ns/name}) it stands for
   * @param region the bucket's Region, which names S3 in {@code kms:ViaService}
   * @param key what the bucket's default encryption means for those who read or write objects: no
   *     key, a customer managed key with its policy, the AWS managed key, or a key not read
   * @param ourSidPrefix the Sid prefix of this installation: its statements that no share claims
   *     are its access point delegation, or left by a share that is gone
   */
  public record Bucket(
      String accountId,
      String region,
      String bucket,
      Optional<String> policy,
      List<AccessPoint> accessPoints,
      List<AclGrant> aclGrants,
      ShareDocuments.KeySide key,
      Map<String, String> shareSids,
      String ourSidPrefix) {
    public Bucket {
      accessPoints = List.copyOf(accessPoints);
      aclGrants = List.copyOf(aclGrants);
      shareSids = Map.copyOf(shareSids);
    }
  }

  /**
   * An access point on the bucket.
   *
   * @param owner the share it belongs to when this installation manages it ({@code ?} when ours but
   *     untagged), empty when it is foreign
   */
  public record AccessPoint(
      String name, String arn, Optional<String> policy, Optional<String> owner) {}

  /** An ACL grant to someone other than the bucket owner. */
  public record AclGrant(String grantee, String permission) {}

  /**
   * The IAM role of a CrossAccountRole, as read.
   *
   * @param owner the CrossAccountRole ({@code ns/name})
   * @param buckets the buckets its grants name
   * @param role empty when the role does not exist (yet)
   */
  public record Role(
      String owner,
      String accountId,
      List<String> buckets,
      Optional<IamRolePort.Role> role,
      List<String> inlinePolicies,
      List<String> attachedPolicyArns) {
    public Role {
      buckets = List.copyOf(buckets);
      inlinePolicies = List.copyOf(inlinePolicies);
      attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }
  }
}
