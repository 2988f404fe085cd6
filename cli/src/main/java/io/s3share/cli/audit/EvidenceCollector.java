package io.s3share.cli.audit;

import io.s3share.cli.ClusterState;
import io.s3share.cli.Session;
import io.s3share.operator.accesspoint.AccessPointNames;
import io.s3share.operator.accesspoint.AccessPointOwnership;
import io.s3share.operator.accesspoint.AccessPointShares;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.aws.AccessPointPort;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.IamRoles;
import io.s3share.operator.aws.KmsKeyPolicies;
import io.s3share.operator.aws.S3AccessPoints;
import io.s3share.operator.aws.S3BucketEncryption;
import io.s3share.operator.aws.S3BucketPolicies;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.bucketshare.DefaultKeyReader;
import io.s3share.operator.bucketshare.ShareDocuments;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.policy.ManagedStatement;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads, for every bucket and role the cluster's resources name, the documents the audit judges.
 * Read-only: it issues only Get and List calls.
 */
public final class EvidenceCollector {

  private static final Logger log = LoggerFactory.getLogger(EvidenceCollector.class);

  private final Session session;
  private final ClusterState cluster;
  private final SidNamespace sids;
  private final AccessPointNames names;
  private final AccessPointOwnership ownership;
  private final BucketPlanner planner;

  public EvidenceCollector(Session session, ClusterState cluster) {
    this.session = session;
    this.cluster = cluster;
    this.sids = new SidNamespace(session.installationId());
    this.names = new AccessPointNames(session.installationId());
    this.ownership = new AccessPointOwnership(session.installationId(), names, sids);
    this.planner = new BucketPlanner(sids);
  }

  /** Every bucket a BucketShare or a CrossAccountRole grant names, with the account it is in. */
  public List<Evidence.Bucket> buckets() {
    Map<BucketKey, AwsAccount> buckets =
        new TreeMap<>(
            java.util.Comparator.comparing(BucketKey::accountId).thenComparing(BucketKey::bucket));
    for (BucketShare share : cluster.shares()) {
      cluster
          .account(share.getSpec().getBucket().getAccountRef())
          .ifPresent(a -> buckets.putIfAbsent(key(a, share.getSpec().getBucket().getName()), a));
    }
    for (CrossAccountRole role : cluster.roles()) {
      cluster
          .account(role.getSpec().getAccountRef())
          .ifPresent(
              a ->
                  role.getSpec()
                      .getGrants()
                      .forEach(g -> buckets.putIfAbsent(key(a, g.getBucket()), a)));
    }
    List<Evidence.Bucket> result = new ArrayList<>();
    buckets.forEach((key, account) -> result.add(bucket(key, account)));
    return result;
  }

  /** The IAM role of every CrossAccountRole whose AwsAccount exists. */
  public List<Evidence.Role> roles() {
    List<Evidence.Role> result = new ArrayList<>();
    for (CrossAccountRole role : cluster.roles()) {
      Optional<AwsAccount> account = cluster.account(role.getSpec().getAccountRef());
      if (account.isEmpty()) {
        continue;
      }
      IamRoles iam =
          new IamRoles(
              session.clientsFor(account.get()).iam(), account.get().getSpec().getAccountId());
      String name = CrossAccountRoleModel.roleName(role);
      var observed = iam.read(name);
      List<String> inline = new ArrayList<>();
      List<String> attached = List.of();
      if (observed.isPresent()) {
        iam.inlinePolicyNames(name)
            .forEach(p -> iam.readInlinePolicy(name, p).ifPresent(inline::add));
        attached = iam.attachedPolicyArns(name);
      }
      result.add(
          new Evidence.Role(
              CrossAccountRoleModel.owner(role),
              account.get().getSpec().getAccountId(),
              role.getSpec().getGrants().stream().map(RoleGrant::getBucket).distinct().toList(),
              observed,
              inline,
              attached));
    }
    return result;
  }

  private Evidence.Bucket bucket(BucketKey key, AwsAccount account) {
    AccountClients clients = session.clientsFor(account);
    String bucket = key.bucket();
    Optional<String> policy = new S3BucketPolicies(clients.s3(), key.accountId()).read(bucket);
    AccessPointPort port = new S3AccessPoints(clients.s3Control(), key.accountId());
    List<Evidence.AccessPoint> accessPoints = new ArrayList<>();
    for (AccessPointPort.AccessPoint ap : port.listOn(bucket, "")) {
      accessPoints.add(
          new Evidence.AccessPoint(
              ap.name(), ap.arn(), port.policy(ap.name()), ownership.owner(port, ap)));
    }
    // The operator's own reading, so that the audit and a share's status judge the key alike.
    ShareDocuments.KeySide defaultKey =
        DefaultKeyReader.read(
            bucket,
            key.accountId(),
            account.getSpec().getRegion(),
            new S3BucketEncryption(clients.s3(), key.accountId()),
            new KmsKeyPolicies(clients.kms(), key.accountId()));
    return new Evidence.Bucket(
        key.accountId(),
        account.getSpec().getRegion(),
        bucket,
        policy,
        accessPoints,
        aclGrants(clients, key),
        defaultKey,
        shareSids(key),
        sids.sidPrefix());
  }

  private List<Evidence.AclGrant> aclGrants(AccountClients clients, BucketKey key) {
    try {
      var acl =
          clients
              .s3()
              .getBucketAcl(b -> b.bucket(key.bucket()).expectedBucketOwner(key.accountId()));
      String owner = acl.owner() == null ? null : acl.owner().id();
      List<Evidence.AclGrant> grants = new ArrayList<>();
      for (Grant grant : acl.grants()) {
        var grantee = grant.grantee();
        String who =
            Optional.ofNullable(grantee.uri())
                .or(() -> Optional.ofNullable(grantee.emailAddress()))
                .or(() -> Optional.ofNullable(grantee.id()))
                .orElse("?");
        if (!who.equals(owner) && !who.endsWith("/s3/LogDelivery")) {
          grants.add(new Evidence.AclGrant(who, grant.permissionAsString()));
        }
      }
      return grants;
    } catch (S3Exception e) {
      log.warn(
          "bucket {}: ACL not readable ({}); ACL grants not checked", key.bucket(), e.statusCode());
      return List.of();
    }
  }

  /**
   * Which shares each of this installation's statements on the bucket stands for, keyed by {@link
   * Evidence#grantKey}: one compacted statement may carry several shares' principals.
   */
  private Map<String, String> shareSids(BucketKey key) {
    Map<String, String> owners = new LinkedHashMap<>();
    for (BucketShare share : cluster.shares()) {
      boolean onBucket =
          share.getSpec().getBucket().getName().equals(key.bucket())
              && cluster
                  .account(share.getSpec().getBucket().getAccountRef())
                  .map(a -> a.getSpec().getAccountId().equals(key.accountId()))
                  .orElse(false);
      if (!onBucket) {
        continue;
      }
      if (AccessPointShares.usesAccessPoint(share)) {
        continue; // its grants are in its access point's policy, not in the bucket policy
      }
      try {
        for (ManagedStatement statement : planner.statementsOf(share)) {
          String principal =
              statement.toJson().path("Principal").path("AWS").isTextual()
                  ? statement.toJson().path("Principal").path("AWS").asText()
                  : null;
          List<String> principals = new ArrayList<>();
          if (principal != null) {
            principals.add(principal);
          } else {
            statement
                .toJson()
                .path("Principal")
                .path("AWS")
                .forEach(p -> principals.add(p.asText()));
          }
          for (String each : principals) {
            owners.merge(
                Evidence.grantKey(statement.sid(), each),
                BucketPlanner.id(share),
                (a, b) -> a.equals(b) ? a : a + ", " + b);
          }
        }
      } catch (RuntimeException invalid) {
        log.debug(
            "share {} has an invalid spec: {}", BucketPlanner.id(share), invalid.getMessage());
      }
    }
    return owners;
  }

  private static BucketKey key(AwsAccount account, String bucket) {
    return new BucketKey(account.getSpec().getAccountId(), bucket);
  }
}
