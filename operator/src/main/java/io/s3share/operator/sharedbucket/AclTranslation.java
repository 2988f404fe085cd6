package io.s3share.operator.sharedbucket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.aws.BucketAclPort.GranteeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Translates a bucket ACL's grants into bucket-policy statements, per AWS's mapping of ACL
 * permissions to policy actions; pure.
 *
 * <p>A grant to another account's canonical id becomes a statement with the principal {@code
 * {"CanonicalUser": id}}, which S3 accepts in bucket policies (and may show later as the account's
 * root ARN). Grants to AllUsers or AuthenticatedUsers are public and never translated; grants to an
 * e-mail address name no principal a policy can hold. Both block the migration.
 */
public final class AclTranslation {

  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  static final String AUTHENTICATED_USERS =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
  static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

  /** Bucket READ: listing the bucket's keys, versions and uploads in progress. */
  static final List<String> READ_ACTIONS =
      List.of("s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions");

  /** Bucket WRITE: creating, overwriting and deleting any object. */
  static final List<String> WRITE_ACTIONS = List.of("s3:DeleteObject", "s3:PutObject");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AclTranslation() {}

  /** One grant of the ACL and what it became. */
  public record Translated(AclGrant grant, List<String> actions, String sid, String note) {}

  /**
   * @param statements the statements that replace the grants, Sids set
   * @param grants every grant of the ACL, in its order, with what replaced it
   * @param publicGrants grants to AllUsers or AuthenticatedUsers
   * @param emailGrants grants to an e-mail address
   * @param otherGroups grants to other groups (e.g. LogDelivery), which go with the ACL
   */
  public record Result(
      List<ObjectNode> statements,
      List<Translated> grants,
      List<AclGrant> publicGrants,
      List<AclGrant> emailGrants,
      List<AclGrant> otherGroups) {

    /** Whether the ACL gives anyone but its owner anything. */
    public boolean grantsOthers() {
      return grants.stream().anyMatch(t -> !t.note().equals(OWNER_NOTE));
    }
  }

  static final String OWNER_NOTE = "The bucket owner's own grant: kept by ownership itself.";

  /** The actions a bucket ACL permission stands for, in a bucket policy; none for the ACP ones. */
  static SortedSet<String> actionsFor(String permission) {
    SortedSet<String> actions = new TreeSet<>();
    switch (permission) {
      case "READ" -> actions.addAll(READ_ACTIONS);
      case "WRITE" -> actions.addAll(WRITE_ACTIONS);
      case "FULL_CONTROL" -> {
        actions.addAll(READ_ACTIONS);
        actions.addAll(WRITE_ACTIONS);
      }
      default -> {
        // READ_ACP and WRITE_ACP read and change the ACL itself, which stops counting once
        // ACLs are off; the operator never grants permission-management actions.
      }
    }
    return actions;
  }

  /**
   * @param ownerAccount the bucket owner's account id: a LogDelivery group grant becomes the
   *     log-delivery statement AWS documents, limited to logs of this account's buckets
   */
  public static Result translate(
      String partition, String bucket, String ownerAccount, Acl acl, BucketStatementSids sids) {
    Map<String, SortedSet<String>> byCanonicalId = new LinkedHashMap<>();
    List<AclGrant> publicGrants = new ArrayList<>();
    List<AclGrant> emailGrants = new ArrayList<>();
    List<AclGrant> otherGroups = new ArrayList<>();
    for (AclGrant grant : acl.grants()) {
      if (grant.type() == GranteeType.CanonicalUser && !grant.id().equals(acl.ownerId())) {
        byCanonicalId
            .computeIfAbsent(grant.id(), id -> new TreeSet<>())
            .addAll(actionsFor(grant.permission()));
      } else if (grant.type() == GranteeType.Group) {
        (isPublic(grant.id()) ? publicGrants : otherGroups).add(grant);
      } else if (grant.type() == GranteeType.AmazonCustomerByEmail) {
        emailGrants.add(grant);
      }
    }
    List<ObjectNode> statements = new ArrayList<>();
    Map<String, String> sidOf = new LinkedHashMap<>();
    byCanonicalId.forEach(
        (id, actions) -> {
          SortedSet<String> onBucket = new TreeSet<>(actions);
          onBucket.retainAll(READ_ACTIONS);
          SortedSet<String> onObjects = new TreeSet<>(actions);
          onObjects.retainAll(WRITE_ACTIONS);
          List<String> ids = new ArrayList<>();
          if (!onBucket.isEmpty()) {
            ObjectNode s = statement(id, onBucket, "arn:" + partition + ":s3:::" + bucket, sids);
            statements.add(s);
            ids.add(s.get("Sid").asText());
          }
          if (!onObjects.isEmpty()) {
            ObjectNode s =
                statement(id, onObjects, "arn:" + partition + ":s3:::" + bucket + "/*", sids);
            statements.add(s);
            ids.add(s.get("Sid").asText());
          }
          sidOf.put(id, String.join(",", ids));
        });
    boolean logDelivery =
        otherGroups.stream()
            .anyMatch(
                g ->
                    LOG_DELIVERY.equals(g.id())
                        && Set.of("WRITE", "FULL_CONTROL").contains(g.permission()));
    if (logDelivery) {
      ObjectNode s = LogDeliveryStatement.forAccount(partition, bucket, "", ownerAccount, sids);
      statements.add(s);
      sidOf.put(LOG_DELIVERY, s.get("Sid").asText());
    }
    List<Translated> grants =
        acl.grants().stream().map(grant -> describe(grant, acl.ownerId(), sidOf)).toList();
    return new Result(statements, grants, publicGrants, emailGrants, otherGroups);
  }

  private static Translated describe(AclGrant grant, String ownerId, Map<String, String> sidOf) {
    List<String> actions = List.copyOf(actionsFor(grant.permission()));
    if (grant.type() == GranteeType.CanonicalUser && grant.id().equals(ownerId)) {
      return new Translated(grant, List.of(), null, OWNER_NOTE);
    }
    if (grant.type() == GranteeType.CanonicalUser) {
      String note =
          actions.isEmpty()
              ? grant.permission()
                  + " only reads or changes the ACL, which stops counting once ACLs are off:"
                  + " nothing to translate."
              : "Replaced by a bucket-policy statement for this canonical user.";
      return new Translated(grant, actions, actions.isEmpty() ? null : sidOf.get(grant.id()), note);
    }
    if (grant.type() == GranteeType.AmazonCustomerByEmail) {
      return new Translated(
          grant,
          List.of(),
          null,
          "An e-mail grantee cannot be named in a policy: grant the account by id instead.");
    }
    if (isPublic(grant.id())) {
      return new Translated(
          grant, List.of(), null, "Public: never translated. Remove it if it is not wanted.");
    }
    if (LOG_DELIVERY.equals(grant.id()) && sidOf.containsKey(LOG_DELIVERY)) {
      return new Translated(
          grant,
          List.of("s3:PutObject"),
          sidOf.get(LOG_DELIVERY),
          "Replaced by a statement for logging.s3.amazonaws.com, limited to this account's"
              + " buckets.");
    }
    return new Translated(
        grant, List.of(), null, "A grant to an AWS group: it ends when ACLs are turned off.");
  }

  static boolean isPublic(String groupUri) {
    return Set.of(ALL_USERS, AUTHENTICATED_USERS).contains(groupUri);
  }

  private static ObjectNode statement(
      String canonicalId, SortedSet<String> actions, String resource, BucketStatementSids sids) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Effect", "Allow");
    node.putObject("Principal").put("CanonicalUser", canonicalId);
    var array = node.putArray("Action");
    actions.forEach(array::add);
    node.put("Resource", resource);
    ObjectNode withSid = JSON.createObjectNode();
    withSid.put("Sid", sids.sidFor(node.toString()));
    withSid.setAll(node);
    return withSid;
  }
}
