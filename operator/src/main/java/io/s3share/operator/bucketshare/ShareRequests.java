package io.s3share.operator.bucketshare;

import io.s3share.operator.evaluation.AccessRequest;
import io.s3share.operator.evaluation.RequestPrincipal;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.Permission;
import io.s3share.operator.policy.ShareIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The S3 requests a share's consumers make: what its access level implies, and a bit more. */
final class ShareRequests {

  /**
   * Stands for "some account of the organization" when a share names an organization: we cannot
   * list its members, and no real account has this id, so a statement naming one account of the
   * organization does not match it by chance.
   */
  static final String ORGANIZATION_MEMBER = "000000000000";

  /** Requests beyond any access level that a foreign statement may allow: checked for "wider". */
  private static final List<String> WIDER_OBJECT_ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl");

  private static final List<String> WIDER_BUCKET_ACTIONS =
      List.of("s3:ListBucket", "s3:PutBucketPolicy", "s3:DeleteBucket");

  private ShareRequests() {}

  /** One consumer, as the evaluator sees it, and how status names it. */
  record Caller(String label, RequestPrincipal principal, Grantee grantee) {

    /** The request with the keys AWS sets for this caller, over TLS. */
    AccessRequest request(String action, String resource) {
      AccessRequest request =
          new AccessRequest(principal, action, resource, java.util.Map.of())
              .with("aws:SecureTransport", "true");
      return grantee instanceof Grantee.Organization org
          ? request.with("aws:PrincipalOrgID", org.orgId())
          : request;
    }
  }

  static List<Caller> callers(ShareIntent intent) {
    List<Caller> callers = new ArrayList<>();
    for (Grantee grantee : intent.grantees()) {
      if (grantee instanceof Grantee.AwsPrincipal p) {
        callers.add(new Caller(label(p.arn()), RequestPrincipal.parse(p.arn()), grantee));
      } else if (grantee instanceof Grantee.Organization o) {
        callers.add(
            new Caller(
                "organization " + o.orgId(),
                RequestPrincipal.account(ORGANIZATION_MEMBER),
                grantee));
      }
      // Grantee.AccessPointsOf is never a consumer of a share: only the delegation names it.
    }
    return callers;
  }

  /**
   * Every request the share grants, in bucket form: each action on the bucket (listing once per
   * prefix, with {@code s3:prefix}), and each object action on an object under each prefix.
   */
  static List<AccessRequest> granted(ShareIntent intent, Caller caller) {
    List<AccessRequest> requests = new ArrayList<>();
    for (Permission permission : permissions(intent)) {
      SortedSet<String> listed =
          permission
              .conditions()
              .values("StringLike", "s3:prefix")
              .map(values -> (SortedSet<String>) new TreeSet<>(values))
              .orElse(new TreeSet<>());
      listed.removeIf(value -> value.endsWith("*"));
      for (String action : permission.actions()) {
        for (String resource : permission.resources()) {
          String target =
              resource.endsWith("*") ? resource.substring(0, resource.length() - 1) : resource;
          if (listed.isEmpty()) {
            requests.add(caller.request(action, target));
          } else {
            listed.forEach(
                prefix -> requests.add(caller.request(action, target).with("s3:prefix", prefix)));
          }
        }
      }
    }
    return requests;
  }

  /**
   * Requests the share does not grant: other actions on what it shares, and its own object actions
   * outside its prefixes. Allowed ones show a grant wider than declared.
   */
  static List<AccessRequest> beyond(ShareIntent intent, Caller caller) {
    Set<String> declared = Grants.actionsOf(intent.access(), intent.extraActions());
    String bucketArn = Grants.bucketArn(intent.bucket());
    String firstPrefix = intent.prefixes().isEmpty() ? "" : intent.prefixes().get(0);
    List<AccessRequest> requests = new ArrayList<>();
    for (String action : WIDER_BUCKET_ACTIONS) {
      if (!declared.contains(action)) {
        requests.add(caller.request(action, bucketArn));
      }
    }
    for (String action : WIDER_OBJECT_ACTIONS) {
      if (!declared.contains(action)) {
        requests.add(caller.request(action, bucketArn + "/" + firstPrefix));
      }
    }
    if (!intent.prefixes().isEmpty()) {
      String outside = outsideKey(intent.prefixes());
      if (declared.contains("s3:ListBucket")) {
        requests.add(caller.request("s3:ListBucket", bucketArn).with("s3:prefix", outside));
      }
      declared.stream()
          .filter(WIDER_OBJECT_ACTIONS::contains)
          .forEach(action -> requests.add(caller.request(action, bucketArn + "/" + outside)));
    }
    return requests;
  }

  /** A key under none of the prefixes: it starts with a character none of them starts with. */
  static String outsideKey(List<String> prefixes) {
    for (char c : "zqxjkvwy0123456789abcdefghilmnoprstu".toCharArray()) {
      if (prefixes.stream().noneMatch(p -> p.charAt(0) == c)) {
        return c + "-outside-shared-prefixes";
      }
    }
    // Unreachable: a share has at most 20 prefixes.
    return "~-outside-shared-prefixes";
  }

  private static List<Permission> permissions(ShareIntent intent) {
    return Grants.permissions(
        intent.bucket(),
        intent.access(),
        intent.extraActions(),
        intent.prefixes(),
        intent.requireTls());
  }

  private static String label(String arn) {
    RequestPrincipal principal = RequestPrincipal.parse(arn);
    return principal.kind() == RequestPrincipal.Kind.ACCOUNT
        ? "account " + principal.accountId()
        : arn;
  }

  /** How a request reads in status. */
  static String describe(AccessRequest request) {
    return request.action()
        + " on "
        + request.resource()
        + request.values("s3:prefix").map(v -> " with s3:prefix " + v.get(0)).orElse("");
  }
}
