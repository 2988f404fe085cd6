package io.s3share.cli.audit;

import io.s3share.operator.evaluation.AccessDocuments;
import io.s3share.operator.evaluation.ConditionClause;
import io.s3share.operator.evaluation.Effect;
import io.s3share.operator.evaluation.IdentityDocuments;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.RequestPrincipal;
import io.s3share.operator.evaluation.RoleDocuments;
import io.s3share.operator.evaluation.Statement;
import io.s3share.operator.policy.PolicyEquivalence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The role paths to each bucket: who may assume a CrossAccountRole's role, and what it reaches. */
final class RoleAudit {

  private RoleAudit() {}

  static void audit(
      List<Evidence.Role> roles,
      List<Evidence.Bucket> buckets,
      List<AccessRow> rows,
      List<Finding> findings) {
    for (Evidence.Role evidence : roles) {
      if (evidence.role().isEmpty()) {
        continue;
      }
      var role = evidence.role().get();
      PolicyDocument trust =
          PolicyDocument.parse(
              "trust-policy", PolicyEquivalence.urlDecodeIfNeeded(role.trustPolicy()));
      trustFindings(evidence, role.arn(), trust, findings);
      List<String> inline =
          evidence.inlinePolicies().stream().map(PolicyEquivalence::urlDecodeIfNeeded).toList();
      RoleDocuments documents =
          new RoleDocuments(role.arn(), trust, IdentityDocuments.parse(inline, null));
      for (String bucketName : evidence.buckets()) {
        Optional<Evidence.Bucket> bucket =
            buckets.stream()
                .filter(b -> b.bucket().equals(bucketName))
                .filter(b -> b.accountId().equals(evidence.accountId()))
                .findFirst();
        AccessDocuments bucketDocuments =
            AccessDocuments.forBucket(
                evidence.accountId(), bucket.flatMap(Evidence.Bucket::policy).orElse(null));
        List<String> prefixes = new ArrayList<>(List.of(""));
        documents
            .permissions()
            .policies()
            .forEach(
                p ->
                    Candidates.prefixes(p)
                        .forEach(
                            prefix -> {
                              if (!prefixes.contains(prefix)) {
                                prefixes.add(prefix);
                              }
                            }));
        for (Candidates.Candidate candidate : Candidates.of(trust)) {
          String caller = Probe.caller(candidate, false);
          Map<String, List<String>> seen = new LinkedHashMap<>();
          for (String prefix : prefixes) {
            Probe.Result result =
                Probe.viaRole(
                    documents, bucketDocuments, bucketName, prefix, caller, candidate.context());
            if (result.any() && !result.actions().equals(Auditor.inherited(seen, prefix))) {
              seen.put(prefix, result.actions());
              List<String> path = new ArrayList<>();
              path.add("role " + role.arn());
              path.addAll(result.path());
              rows.add(
                  new AccessRow(
                      bucketName,
                      Auditor.display(prefix),
                      candidate.label(),
                      result.actions(),
                      path,
                      "CrossAccountRole " + evidence.owner(),
                      result.consumerMustAlsoAllow()
                          ? "allowed by the owner side; the consumer account must also allow"
                              + " sts:AssumeRole"
                          : ""));
            }
          }
        }
      }
    }
  }

  /**
   * A role that another account may assume with neither an ExternalId nor an organisation condition
   * is open to the confused deputy: anyone that account acts for can use it.
   */
  private static void trustFindings(
      Evidence.Role evidence, String roleArn, PolicyDocument trust, List<Finding> findings) {
    for (Statement statement : trust.statements()) {
      if (statement.effect() != Effect.ALLOW || guarded(statement.conditions())) {
        continue;
      }
      for (String principal : statement.principal().map(p -> p.values("AWS")).orElse(List.of())) {
        String account = accountOf(principal);
        if (account == null || !account.equals(evidence.accountId())) {
          findings.add(
              new Finding(
                  Severity.HIGH,
                  "RoleTrustWithoutExternalId",
                  roleArn,
                  principal
                      + " may assume the role without an sts:ExternalId or aws:PrincipalOrgID"
                      + " condition (statement "
                      + statement.ref().id()
                      + "): set spec.externalId on CrossAccountRole "
                      + evidence.owner()));
        }
      }
    }
  }

  private static boolean guarded(List<ConditionClause> conditions) {
    return conditions.stream()
        .anyMatch(
            c ->
                c.key().equalsIgnoreCase("sts:ExternalId")
                    || c.key().equalsIgnoreCase("aws:PrincipalOrgID"));
  }

  private static String accountOf(String principal) {
    try {
      return RequestPrincipal.parse(principal).accountId();
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }
}
