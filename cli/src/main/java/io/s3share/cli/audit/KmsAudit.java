package io.s3share.cli.audit;

import io.s3share.operator.bucketshare.ShareDocuments;
import io.s3share.operator.evaluation.AccessDocuments;
import io.s3share.operator.evaluation.Decision;
import io.s3share.operator.evaluation.Evaluator;
import io.s3share.operator.evaluation.KmsKeyDocuments;
import io.s3share.operator.evaluation.MalformedPolicyException;
import io.s3share.operator.evaluation.RequestPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges, for one bucket, whether its default KMS key lets each principal that reaches its objects
 * decrypt (reads) or generate data keys (writes) through S3. Pure: the key policy comes in the
 * evidence and the operator's evaluator decides.
 */
final class KmsAudit {

  private final Evidence.Bucket bucket;
  private final List<Finding> findings = new ArrayList<>();
  private final Optional<KmsKeyDocuments> customerKey;
  // Per principal: what the key refuses it, and where it reaches objects.
  private final Map<String, Gap> gaps = new LinkedHashMap<>();

  private KmsAudit(Evidence.Bucket bucket) {
    this.bucket = bucket;
    Optional<KmsKeyDocuments> parsed = Optional.empty();
    if (bucket.key() instanceof ShareDocuments.CustomerKey customer) {
      try {
        parsed = Optional.of(KmsKeyDocuments.parse(customer.keyArn(), customer.policy()));
      } catch (MalformedPolicyException | IllegalArgumentException e) {
        findings.add(
            new Finding(
                Severity.LOW,
                "KmsNotReadable",
                bucket.bucket(),
                "the policy of KMS key "
                    + customer.keyArn()
                    + ", the bucket's default encryption, could not be judged ("
                    + e.getMessage()
                    + "): fix the key policy, then audit again"));
      }
    }
    this.customerKey = parsed;
  }

  static KmsAudit of(Evidence.Bucket bucket) {
    return new KmsAudit(bucket);
  }

  /** The KMS call S3 makes for the caller of an object action; empty when none. */
  static Optional<String> kmsAction(String s3Action) {
    return switch (s3Action) {
      case "s3:GetObject", "s3:GetObjectVersion" -> Optional.of("kms:Decrypt");
      case "s3:PutObject" -> Optional.of("kms:GenerateDataKey");
      default -> Optional.empty();
    };
  }

  /**
   * A principal the policies let reach objects at a prefix with these actions: does the key let it
   * too? Anonymous callers are not asked: S3 refuses unsigned requests for SSE-KMS objects anyway.
   */
  void reach(
      AccessDocuments documents,
      String principal,
      String caller,
      Map<String, String> context,
      String label,
      String prefix,
      List<String> actions) {
    List<String> content = actions.stream().filter(a -> kmsAction(a).isPresent()).toList();
    if (content.isEmpty()) {
      return;
    }
    boolean otherAccount = !bucket.accountId().equals(RequestPrincipal.parse(caller).accountId());
    if (bucket.key() instanceof ShareDocuments.AwsManagedKey) {
      if (otherAccount) {
        gap(label, principal, prefix).refused.addAll(kmsActions(content));
      }
      return;
    }
    if (bucket.key() instanceof ShareDocuments.UnreadableKey) {
      gap(label, principal, prefix);
      return;
    }
    if (customerKey.isEmpty()) {
      return;
    }
    AccessDocuments withKey = documents.withKmsKey(customerKey.get());
    for (String action : content) {
      Decision decision =
          Evaluator.evaluate(
              withKey, Probe.request(caller, context, action, Probe.objectArn(bucket, prefix)));
      if (!decision.allowed()) {
        Gap gap = gap(label, principal, prefix);
        gap.refused.add(kmsAction(action).orElseThrow());
        gap.why.add(decision.explanation());
      }
    }
  }

  /** The bucket's default encryption, for the report. */
  AuditReport.BucketEncryption encryption() {
    String name = bucket.bucket();
    ShareDocuments.KeySide key = bucket.key();
    if (key instanceof ShareDocuments.AwsManagedKey) {
      return new AuditReport.BucketEncryption(
          name, "SSE-KMS", "aws/s3", "AWS managed: serves the bucket's own account only");
    }
    if (key instanceof ShareDocuments.CustomerKey customer) {
      return new AuditReport.BucketEncryption(
          name,
          "SSE-KMS",
          customer.keyArn(),
          customerKey.isPresent() ? "checked" : "not judged: malformed");
    }
    if (key instanceof ShareDocuments.UnreadableKey unreadable) {
      boolean unknown = unreadable.cause() == ShareDocuments.Cause.ENCRYPTION_NOT_READABLE;
      return new AuditReport.BucketEncryption(
          name,
          unknown ? "unknown" : "SSE-KMS",
          unreadable.key(),
          "not checked: " + unreadable.cause().name().toLowerCase(Locale.ROOT));
    }
    return new AuditReport.BucketEncryption(name, "SSE-S3 or none", "", "");
  }

  /** The findings, once every principal of the bucket has been seen. */
  List<Finding> findings() {
    ShareDocuments.KeySide key = bucket.key();
    if (key instanceof ShareDocuments.UnreadableKey unreadable) {
      findings.add(unreadable(unreadable));
    }
    for (Map.Entry<String, Gap> entry : gaps.entrySet()) {
      Gap gap = entry.getValue();
      if (gap.refused.isEmpty()) {
        continue;
      }
      if (key instanceof ShareDocuments.AwsManagedKey) {
        findings.add(awsManaged(entry.getKey(), gap));
      } else if (key instanceof ShareDocuments.CustomerKey customer) {
        findings.add(denies(entry.getKey(), gap, customer.keyArn()));
      }
    }
    return findings;
  }

  private Finding awsManaged(String label, Gap gap) {
    return new Finding(
        Severity.HIGH,
        "KmsAwsManagedKey",
        bucket.bucket(),
        label
            + " may reach objects at "
            + String.join(", ", gap.prefixes)
            + ", but the bucket encrypts them with the AWS managed key aws/s3, which no other"
            + " account can use ("
            + String.join(", ", gap.refused)
            + "): set the bucket's default encryption to a customer managed key whose policy"
            + " allows it, "
            + statement(gap, "s3." + bucket.region() + ".amazonaws.com")
            + "; objects already written with aws/s3 stay unreadable to it until copied with the"
            + " new key");
  }

  private Finding denies(String label, Gap gap, String keyArn) {
    String region = customerKey.map(KmsKeyDocuments::region).orElse(bucket.region());
    return new Finding(
        Severity.HIGH,
        "KmsKeyDenies",
        bucket.bucket(),
        label
            + " may reach objects at "
            + String.join(", ", gap.prefixes)
            + ", but the policy of KMS key "
            + keyArn
            + ", the bucket's default encryption, does not let it "
            + String.join(", ", gap.refused)
            + " ("
            + String.join("; ", gap.why)
            + "): add to the key policy "
            + statement(gap, "s3." + region + ".amazonaws.com"));
  }

  private Finding unreadable(ShareDocuments.UnreadableKey key) {
    boolean reached = !gaps.isEmpty();
    String who =
        reached
            ? " " + String.join(", ", gaps.keySet()) + " may reach objects and need it"
            : " no principal the audit found reaches objects yet";
    return switch (key.cause()) {
      case OTHER_ACCOUNT ->
          new Finding(
              reached ? Severity.LOW : Severity.INFO,
              "KmsKeyInOtherAccount",
              bucket.bucket(),
              "the bucket's default KMS key "
                  + key.key()
                  + " is in another account, whose key policy the audit does not read:"
                  + who
                  + "; make sure that key policy allows kms:Decrypt and kms:GenerateDataKey"
                  + " with kms:ViaService s3."
                  + bucket.region()
                  + ".amazonaws.com");
      case ENCRYPTION_NOT_READABLE ->
          notReadable(
              "the bucket's default encryption could not be read, so its KMS key is not checked:"
                  + " grant s3:GetEncryptionConfiguration on the bucket to the credentials the"
                  + " audit runs with");
      case POLICY_NOT_READABLE ->
          notReadable(
              "the policy of the bucket's default KMS key "
                  + key.key()
                  + " could not be read, so it is not checked: grant kms:GetKeyPolicy on that key"
                  + " to the credentials the audit runs with");
      case ALIAS ->
          notReadable(
              "the bucket names its default KMS key by the alias "
                  + key.key()
                  + ", which the audit does not resolve: name the key by its ARN in the bucket's"
                  + " default encryption");
      case MISSING ->
          new Finding(
              Severity.MEDIUM,
              "KmsKeyMissing",
              bucket.bucket(),
              "the bucket's default KMS key "
                  + key.key()
                  + " does not exist, so S3 can neither write nor read objects with it: set the"
                  + " default encryption to an existing key");
    };
  }

  private Finding notReadable(String message) {
    return new Finding(Severity.LOW, "KmsNotReadable", bucket.bucket(), message);
  }

  /** The key policy statement that lets the principal use the key through S3 only. */
  private static String statement(Gap gap, String viaService) {
    String principal = gap.principal.equals(Candidates.EVERYONE) ? "*" : gap.principal;
    return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":["
        + String.join(",", gap.refused.stream().map(a -> "\"" + a + "\"").toList())
        + "],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\""
        + viaService
        + "\"}}}";
  }

  private static Set<String> kmsActions(List<String> s3Actions) {
    Set<String> result = new LinkedHashSet<>();
    s3Actions.forEach(a -> kmsAction(a).ifPresent(result::add));
    return result;
  }

  private Gap gap(String label, String principal, String prefix) {
    Gap gap = gaps.computeIfAbsent(label, l -> new Gap(principal));
    gap.prefixes.add(Auditor.display(prefix));
    return gap;
  }

  /** What the key refuses one principal, and where it reaches objects. */
  private static final class Gap {
    final String principal;
    final Set<String> refused = new LinkedHashSet<>();
    final Set<String> why = new LinkedHashSet<>();
    final Set<String> prefixes = new LinkedHashSet<>();

    Gap(String principal) {
      this.principal = principal;
    }
  }
}
