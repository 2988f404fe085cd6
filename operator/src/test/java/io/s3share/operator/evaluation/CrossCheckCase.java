package io.s3share.operator.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One generated request and its documents, judged by both evaluators.
 *
 * <p>{@code RESOURCE} mode compares the bucket policy's verdict for a caller from another account
 * whose identity side is unknown; {@code FULL} mode gives the caller's identity policies (and
 * boundary) too and compares the final allow/deny.
 */
record CrossCheckCase(
    Mode mode,
    String owner,
    String principal,
    String action,
    String resource,
    Map<String, List<String>> context,
    Map<String, Object> bucketPolicy,
    List<Map<String, Object>> identityPolicies,
    Map<String, Object> boundary) {

  enum Mode {
    RESOURCE,
    FULL,
    /** A role trust policy or a KMS key policy: it must allow even in its own account. */
    STRICT
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** Our evaluator's answer, in the vocabulary the driver prints. */
  String ours() {
    if (mode == Mode.STRICT) {
      return strict().allowed() ? "ALLOW" : "DENY";
    }
    AccessDocuments documents = AccessDocuments.forBucket(owner, json(bucketPolicy));
    if (mode == Mode.FULL) {
      documents = documents.withIdentity(identity());
    }
    Decision decision = Evaluator.evaluate(documents, request());
    if (mode == Mode.FULL) {
      return decision.allowed() ? "ALLOW" : "DENY";
    }
    return decision.outcome().name();
  }

  private Decision strict() {
    PolicyDocument policy = PolicyDocument.parse("resource-policy", json(bucketPolicy));
    AccessRequest request = request().withPrincipalKeys();
    Layer layer =
        new Layer(
            policy.name(),
            DocumentVerdict.ofResourcePolicy(policy, request, boundary != null),
            owner,
            true,
            request);
    return Combination.decide(request.principal(), List.of(layer), Optional.of(identity()));
  }

  private IdentityDocuments identity() {
    return IdentityDocuments.parse(
        identityPolicies.stream().map(CrossCheckCase::json).toList(),
        boundary == null ? null : json(boundary));
  }

  AccessRequest request() {
    return new AccessRequest(RequestPrincipal.parse(principal), action, resource, context);
  }

  /** The principal as principalmapper needs it: an IAM user or role node. */
  String principalmapperArn() {
    RequestPrincipal parsed = RequestPrincipal.parse(principal);
    return parsed.kind() == RequestPrincipal.Kind.ACCOUNT
        ? "arn:aws:iam::" + parsed.accountId() + ":user/any-principal"
        : principal;
  }

  /** The case as the driver reads it, with the context our evaluator sees. */
  Map<String, Object> toDriverInput() {
    Map<String, Object> out = new LinkedHashMap<>();
    // principalmapper itself requires the key or trust policy for kms and iam resources.
    out.put("mode", mode == Mode.RESOURCE ? "resource" : "full");
    out.put("owner", owner);
    out.put("principal", principalmapperArn());
    out.put("action", action);
    out.put("resource", resource);
    out.put("context", new LinkedHashMap<>(request().withPrincipalKeys().context()));
    out.put("bucketPolicy", bucketPolicy);
    out.put("identityPolicies", identityPolicies);
    out.put("boundary", boundary);
    return out;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return json(toDriverInput());
  }
}
