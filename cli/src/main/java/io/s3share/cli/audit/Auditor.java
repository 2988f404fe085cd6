package io.s3share.cli.audit;

import io.s3share.operator.evaluation.AccessDocuments;
import io.s3share.operator.evaluation.AccessPointDocuments;
import io.s3share.operator.evaluation.Decision;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.RequestPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges who can reach each bucket, through its policy and its access points, with the operator's
 * evaluator, and reports what an auditor should look at. Pure: it reads only the evidence.
 */
public final class Auditor {

  private final List<AccessRow> rows = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<AuditReport.BucketEncryption> encryption = new ArrayList<>();

  private Auditor() {}

  /** The report for these buckets and roles. */
  public static AuditReport audit(List<Evidence.Bucket> buckets, List<Evidence.Role> roles) {
    Auditor auditor = new Auditor();
    buckets.forEach(auditor::bucket);
    RoleAudit.audit(roles, buckets, auditor.rows, auditor.findings);
    return new AuditReport(auditor.rows, auditor.findings, auditor.encryption);
  }

  private void bucket(Evidence.Bucket bucket) {
    KmsAudit kms = KmsAudit.of(bucket);
    AccessDocuments documents =
        AccessDocuments.forBucket(bucket.accountId(), bucket.policy().orElse(null));
    Optional<PolicyDocument> policy = documents.bucketPolicy();
    policy.ifPresent(
        p -> {
          dangling(bucket.bucket(), "bucket policy", p, bucket.shareSids());
          judge(bucket, documents, p, Optional.empty(), kms);
        });
    for (Evidence.AccessPoint accessPoint : bucket.accessPoints()) {
      if (accessPoint.owner().isEmpty()) {
        findings.add(
            new Finding(
                Severity.LOW,
                "UnmanagedAccessPoint",
                bucket.bucket(),
                "access point "
                    + accessPoint.name()
                    + " was not created by this operator; review its policy and delete it if"
                    + " nobody needs it"));
      }
      AccessPointDocuments ap =
          AccessPointDocuments.parse(accessPoint.arn(), accessPoint.policy().orElse(null));
      ap.policy()
          .ifPresent(
              p -> {
                dangling(bucket.bucket(), "access point " + accessPoint.name(), p, Map.of());
                judge(bucket, documents.withAccessPoint(ap), p, Optional.of(accessPoint), kms);
              });
    }
    for (Evidence.AclGrant grant : bucket.aclGrants()) {
      boolean everyone =
          grant.grantee().contains("AllUsers") || grant.grantee().contains("AuthenticatedUsers");
      findings.add(
          new Finding(
              everyone ? Severity.CRITICAL : Severity.MEDIUM,
              "AclGrant",
              bucket.bucket(),
              "the bucket ACL grants "
                  + grant.permission()
                  + " to "
                  + grant.grantee()
                  + ": move it to a policy statement (or a BucketShare) and enforce"
                  + " BucketOwnerEnforced"));
    }
    findings.addAll(kms.findings());
    encryption.add(kms.encryption());
  }

  private void judge(
      Evidence.Bucket bucket,
      AccessDocuments documents,
      PolicyDocument policy,
      Optional<Evidence.AccessPoint> accessPoint,
      KmsAudit kms) {
    Set<String> prefixes = new LinkedHashSet<>(Candidates.prefixes(policy));
    documents.bucketPolicy().ifPresent(p -> prefixes.addAll(Candidates.prefixes(p)));
    for (Candidates.Candidate candidate : Candidates.of(policy)) {
      boolean everyone = candidate.principal().equals(Candidates.EVERYONE);
      if (everyone && accessPoint.isEmpty()) {
        // Anyone at all, with no condition but TLS: public, whatever else the statement says.
        Map<String, String> none = Map.of();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String prefix : prefixes) {
          Probe.Result result = Probe.direct(documents, bucket.bucket(), prefix, "anonymous", none);
          if (result.any() && !result.actions().equals(inherited(seen, prefix))) {
            seen.put(prefix, result.actions());
            rows.add(row(bucket, prefix, "* (anyone)", "*", result, accessPoint));
            findings.add(
                new Finding(
                    Severity.CRITICAL,
                    "PublicAccess",
                    bucket.bucket(),
                    "anyone, without signing in, may "
                        + String.join(", ", result.actions())
                        + " at "
                        + display(prefix)
                        + " through "
                        + result.path()
                        + ": remove the statement or narrow its principal, and turn on Block"
                        + " Public Access"));
          }
        }
        if (candidate.context().isEmpty()) {
          continue;
        }
      }
      String caller = Probe.caller(candidate, false);
      try {
        RequestPrincipal.parse(caller);
      } catch (IllegalArgumentException unreadable) {
        continue; // a canonical user or federated principal: not something the evaluator models
      }
      Map<String, List<String>> seen = new LinkedHashMap<>();
      for (String prefix : prefixes) {
        // What anyone may do is shown once, as public access, not again for every principal.
        List<String> open =
            accessPoint.isPresent()
                ? List.of()
                : Probe.direct(documents, bucket.bucket(), prefix, "anonymous", Map.of()).actions();
        Probe.Result result =
            Probe.direct(documents, bucket.bucket(), prefix, caller, candidate.context())
                .without(open);
        if (result.any() && !result.actions().equals(inherited(seen, prefix))) {
          seen.put(prefix, result.actions());
          AccessRow row =
              row(bucket, prefix, candidate.label(), candidate.principal(), result, accessPoint);
          rows.add(row);
          foreignCrossAccount(bucket, candidate, row);
          kms.reach(
              documents,
              candidate.principal(),
              caller,
              candidate.context(),
              candidate.label(),
              prefix,
              result.actions());
        }
      }
    }
  }

  private void foreignCrossAccount(
      Evidence.Bucket bucket, Candidates.Candidate candidate, AccessRow row) {
    if (!row.managedBy().equals(AccessRow.FOREIGN)) {
      return;
    }
    String caller = Probe.caller(candidate, false);
    String account = RequestPrincipal.parse(caller).accountId();
    if (account != null && account.equals(bucket.accountId())) {
      return;
    }
    findings.add(
        new Finding(
            Severity.MEDIUM,
            "ForeignCrossAccountGrant",
            bucket.bucket(),
            candidate.label()
                + " may "
                + String.join(", ", row.actions())
                + " at "
                + display(row.prefix())
                + " through "
                + row.path()
                + ", which no BucketShare manages: declare it as a BucketShare or remove it"));
  }

  private void dangling(
      String bucket, String where, PolicyDocument policy, Map<String, String> shareSids) {
    Candidates.dangling(policy)
        .forEach(
            (id, sid) ->
                findings.add(
                    new Finding(
                        Severity.MEDIUM,
                        "DanglingPrincipal",
                        bucket,
                        "the "
                            + where
                            + " statement "
                            + sid
                            + " names "
                            + id
                            + ", a role deleted since: it grants nobody, and recreating the role"
                            + " does not restore it. "
                            + advice(sid, shareSids))));
  }

  private static String advice(String sid, Map<String, String> shareSids) {
    return shareSids.keySet().stream().anyMatch(key -> key.startsWith(sid + " "))
        ? "The BucketShare that wrote it rewrites it once the role exists."
        : "Remove the principal from the statement.";
  }

  /** The actions already shown for the longest shorter prefix: a row there covers this one. */
  static List<String> inherited(Map<String, List<String>> seen, String prefix) {
    List<String> best = null;
    int length = -1;
    for (Map.Entry<String, List<String>> entry : seen.entrySet()) {
      if (prefix.startsWith(entry.getKey()) && entry.getKey().length() > length) {
        best = entry.getValue();
        length = entry.getKey().length();
      }
    }
    return best;
  }

  static String display(String prefix) {
    return prefix.isEmpty() ? "*" : prefix;
  }

  private static AccessRow row(
      Evidence.Bucket bucket,
      String prefix,
      String label,
      String principal,
      Probe.Result result,
      Optional<Evidence.AccessPoint> accessPoint) {
    List<String> path = new ArrayList<>();
    accessPoint.ifPresent(ap -> path.add("access point " + ap.name()));
    path.addAll(result.path());
    return new AccessRow(
        bucket.bucket(),
        display(prefix),
        label,
        result.actions(),
        path,
        managedBy(bucket, principal, result.path(), accessPoint),
        result.consumerMustAlsoAllow() ? Decision.CONSUMER_NOTE : "");
  }

  /**
   * The shares behind the statements that allow it; foreign when any of them is not ours. Through
   * an access point, the access point's owner decides, and our delegation statement counts as ours.
   */
  private static String managedBy(
      Evidence.Bucket bucket,
      String principal,
      List<String> path,
      Optional<Evidence.AccessPoint> accessPoint) {
    Set<String> owners = new LinkedHashSet<>();
    for (String ref : path) {
      String document = ref.substring(0, ref.indexOf('/'));
      String sid = ref.substring(ref.indexOf('/') + 1);
      if (document.equals("access-point-policy")) {
        if (accessPoint.flatMap(Evidence.AccessPoint::owner).isEmpty()) {
          return AccessRow.FOREIGN;
        }
        owners.add("BucketShare " + accessPoint.get().owner().get());
      } else {
        String owner = bucket.shareSids().get(Evidence.grantKey(sid, principal));
        if (owner != null) {
          owners.add("BucketShare " + owner);
        } else if (!sid.startsWith(bucket.ourSidPrefix())) {
          return AccessRow.FOREIGN;
        }
      }
    }
    return owners.isEmpty() ? "s3-share-operator (no resource)" : String.join(", ", owners);
  }
}
