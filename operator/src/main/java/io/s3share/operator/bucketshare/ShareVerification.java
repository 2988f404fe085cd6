package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.evaluation.AccessDocuments;
import io.s3share.operator.evaluation.AccessPointDocuments;
import io.s3share.operator.evaluation.AccessRequest;
import io.s3share.operator.evaluation.Decision;
import io.s3share.operator.evaluation.Evaluator;
import io.s3share.operator.evaluation.KmsKeyDocuments;
import io.s3share.operator.evaluation.MalformedPolicyException;
import io.s3share.operator.evaluation.Outcome;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.StatementRef;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the documents read back from AWS for every consumer of a share: pure, no I/O.
 *
 * <p>Each request the share's access level implies must be allowed on the owner side; a foreign
 * Deny that takes one away shadows the grant. Requests the share does not grant must not be allowed
 * by a foreign statement, or the grant is wider than declared. Reads and writes of SSE-KMS objects
 * also need the bucket's default key to allow {@code kms:Decrypt} or {@code kms:GenerateDataKey}.
 */
final class ShareVerification {

  private ShareVerification() {}

  static EffectiveAccessStatus verify(
      ShareIntent intent, ShareDocuments documents, SidNamespace ns, long generation) {
    AccessDocuments base;
    Optional<KmsKeyDocuments> key;
    try {
      base =
          AccessDocuments.forBucket(
              documents.ownerAccountId(), documents.bucketPolicy().orElse(null));
      if (documents.accessPointArn().isPresent()) {
        base =
            base.withAccessPoint(
                AccessPointDocuments.parse(
                    documents.accessPointArn().get(), documents.accessPointPolicy().orElse(null)));
      }
      key =
          documents.key() instanceof ShareDocuments.CustomerKey customer
              ? Optional.of(KmsKeyDocuments.parse(customer.keyArn(), customer.policy()))
              : Optional.empty();
    } catch (MalformedPolicyException | IllegalArgumentException e) {
      return new EffectiveAccessStatus(
          EffectiveAccessResult.Unverifiable,
          "Could not judge the policies read back from AWS: "
              + e.getMessage()
              + ". Fix that document; the share's own statements are in place.",
          List.of(),
          generation);
    }
    Findings findings = new Findings(base);
    restrictedPublicPolicy(findings, intent, documents);
    for (ShareRequests.Caller caller : ShareRequests.callers(intent)) {
      for (AccessRequest request : ShareRequests.granted(intent, caller)) {
        Decision decision = Evaluator.evaluate(base, request);
        if (!decision.allowed()) {
          findings.denied(caller, request, decision);
          continue;
        }
        findings.allowed(decision);
        checkKey(findings, base, key, documents, caller, request);
      }
      for (AccessRequest request : ShareRequests.beyond(intent, caller)) {
        Decision decision = Evaluator.evaluate(base, request);
        List<String> foreign =
            decision.statements().stream()
                .map(StatementRef::id)
                .filter(sid -> !ns.owns(sid))
                .toList();
        if (decision.allowed() && !foreign.isEmpty()) {
          findings.add(
              EffectiveAccessResult.Wider,
              caller.label()
                  + " may also make "
                  + ShareRequests.describe(request)
                  + ", allowed by "
                  + String.join(", ", foreign),
              foreign);
        }
      }
    }
    return findings.status(generation);
  }

  /**
   * RestrictPublicBuckets with a public bucket policy: S3 then refuses every request from another
   * account, whatever the statements say, so every cross-account grant is shadowed.
   */
  private static void restrictedPublicPolicy(
      Findings findings, ShareIntent intent, ShareDocuments documents) {
    if (!documents.restrictsPublicBuckets() || documents.bucketPolicy().isEmpty()) {
      return;
    }
    List<String> publicSids = PublicStatements.of(documents.bucketPolicy().get());
    if (publicSids.isEmpty()) {
      return;
    }
    for (ShareRequests.Caller caller : ShareRequests.callers(intent)) {
      if (!documents.ownerAccountId().equals(caller.principal().accountId())) {
        findings.add(
            EffectiveAccessResult.Shadowed,
            "Block Public Access (RestrictPublicBuckets) is on and the bucket policy is public"
                + " through "
                + String.join(", ", publicSids)
                + ", so S3 refuses every request from another account, "
                + caller.label()
                + " included; narrow those statements to fixed principals or conditions, or"
                + " turn RestrictPublicBuckets off",
            publicSids);
      }
    }
  }

  private static void checkKey(
      Findings findings,
      AccessDocuments base,
      Optional<KmsKeyDocuments> key,
      ShareDocuments documents,
      ShareRequests.Caller caller,
      AccessRequest request) {
    String kmsAction = kmsAction(request.action());
    if (kmsAction == null) {
      return;
    }
    ShareDocuments.KeySide side = documents.key();
    if (side instanceof ShareDocuments.UnreadableKey unreadable) {
      findings.add(EffectiveAccessResult.Unverifiable, unreadable.why(), List.of());
    } else if (side instanceof ShareDocuments.AwsManagedKey) {
      if (!documents.ownerAccountId().equals(caller.principal().accountId())) {
        findings.add(
            EffectiveAccessResult.KeyDenies,
            "The bucket encrypts new objects with the AWS managed key aws/s3, which other"
                + " accounts cannot use: "
                + caller.label()
                + " cannot "
                + kmsAction
                + " for "
                + ShareRequests.describe(request)
                + ". Set the bucket's default encryption to a customer managed key whose"
                + " policy allows the consumer "
                + kmsAction
                + " with kms:ViaService s3."
                + documents.region()
                + ".amazonaws.com",
            List.of());
      }
    } else if (side instanceof ShareDocuments.CustomerKey customer) {
      Decision withKey =
          Evaluator.evaluate(base.withKmsKey(key.orElseThrow()), inKeyContext(customer, request));
      if (!withKey.allowed()) {
        findings.add(
            EffectiveAccessResult.KeyDenies,
            "The policy of KMS key "
                + customer.keyArn()
                + ", the bucket's default encryption, does not let "
                + caller.label()
                + " "
                + kmsAction
                + " for "
                + ShareRequests.describe(request)
                + " ("
                + withKey.explanation()
                + "). Add a statement to the key policy that allows it "
                + kmsAction
                + " with the condition kms:ViaService s3."
                + documents.region()
                + ".amazonaws.com",
            withKey.outcome() == Outcome.EXPLICIT_DENY
                ? withKey.statements().stream().map(StatementRef::id).toList()
                : List.of());
      } else {
        findings.allowed(withKey);
      }
    }
  }

  /**
   * With S3 Bucket Keys on, S3 asks KMS in the bucket's name rather than the object's: the
   * encryption context {@code aws:s3:arn} is then the bucket's ARN.
   */
  private static AccessRequest inKeyContext(ShareDocuments.CustomerKey key, AccessRequest request) {
    int slash = request.resource().indexOf('/');
    if (!key.bucketKeyEnabled() || slash < 0) {
      return request;
    }
    return request.with(ENCRYPTION_CONTEXT_ARN, request.resource().substring(0, slash));
  }

  static final String ENCRYPTION_CONTEXT_ARN = "kms:EncryptionContext:aws:s3:arn";

  /** The KMS call S3 makes for the caller; null when the request touches no object content. */
  private static String kmsAction(String s3Action) {
    return switch (s3Action) {
      case "s3:GetObject", "s3:GetObjectVersion" -> "kms:Decrypt";
      case "s3:PutObject" -> "kms:GenerateDataKey";
      default -> null;
    };
  }

  /** Keeps the findings of one check, and names the documents' statements. */
  private static final class Findings {
    private final List<PolicyDocument> documents = new ArrayList<>();
    private final List<Finding> found = new ArrayList<>();
    private boolean consumerMustAlsoAllow;

    Findings(AccessDocuments base) {
      base.bucketPolicy().ifPresent(documents::add);
      base.accessPoint().flatMap(ap -> ap.policy()).ifPresent(documents::add);
    }

    void allowed(Decision decision) {
      consumerMustAlsoAllow |= decision.consumerMustAlsoAllow();
    }

    void denied(ShareRequests.Caller caller, AccessRequest request, Decision decision) {
      String what = caller.label() + " cannot make " + ShareRequests.describe(request);
      if (decision.outcome() == Outcome.IMPLICIT_DENY) {
        add(EffectiveAccessResult.NotGranted, what + ": " + decision.explanation(), List.of());
        return;
      }
      List<String> sids = decision.statements().stream().map(StatementRef::id).toList();
      List<String> unknownKeys = EffectiveAccessKeys.unknownIn(documents, decision, request);
      if (!unknownKeys.isEmpty()) {
        add(
            EffectiveAccessResult.Conditional,
            what
                + " unless the request satisfies "
                + String.join(", ", sids)
                + " on "
                + String.join(", ", unknownKeys)
                + ", which the operator cannot know in advance",
            sids);
        return;
      }
      add(
          EffectiveAccessResult.Shadowed,
          what + ": explicitly denied by " + String.join(", ", sids),
          sids);
    }

    void add(EffectiveAccessResult result, String message, List<String> sids) {
      found.add(new Finding(result, message, sids));
    }

    EffectiveAccessStatus status(long generation) {
      return VerificationSummary.of(found, consumerMustAlsoAllow, generation);
    }
  }

  /** One thing the check found. */
  record Finding(EffectiveAccessResult result, String message, List<String> sids) {}
}
