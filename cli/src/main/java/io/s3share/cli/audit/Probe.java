package io.s3share.cli.audit;

import io.s3share.operator.evaluation.AccessDocuments;
import io.s3share.operator.evaluation.AccessRequest;
import io.s3share.operator.evaluation.Decision;
import io.s3share.operator.evaluation.Evaluator;
import io.s3share.operator.evaluation.RequestPrincipal;
import io.s3share.operator.evaluation.RoleDocuments;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the evaluator, action by action, what one candidate may do at one key prefix of a bucket.
 * Pure.
 */
final class Probe {

  /** Acts on the bucket itself; asked with {@code s3:prefix} set to the prefix. */
  static final List<String> BUCKET_ACTIONS =
      List.of("s3:ListBucket", "s3:GetBucketLocation", "s3:PutBucketPolicy", "s3:PutBucketAcl");

  /** Acts on an object under the prefix. */
  static final List<String> OBJECT_ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:DeleteObject",
          "s3:PutObjectAcl");

  // A placeholder caller for "anyone who meets these conditions".
  static final String ANY_ACCOUNT = "000000000000";
  private static final String PROBE_KEY = "s3share-audit-probe";

  private Probe() {}

  /** What was allowed, through which statements per action, and the evaluator's caveat if any. */
  record Result(Map<String, List<String>> allowed, boolean consumerMustAlsoAllow) {
    Result {
      allowed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(allowed));
    }

    boolean any() {
      return !allowed.isEmpty();
    }

    List<String> actions() {
      return List.copyOf(allowed.keySet());
    }

    /** Every statement that allows one of the actions, in order. */
    List<String> path() {
      Set<String> path = new LinkedHashSet<>();
      allowed.values().forEach(path::addAll);
      return List.copyOf(path);
    }

    /** Without the actions given: those anyone may do are shown once, as public access. */
    Result without(List<String> actions) {
      Map<String, List<String>> left = new java.util.LinkedHashMap<>(allowed);
      actions.forEach(left::remove);
      return new Result(left, consumerMustAlsoAllow);
    }
  }

  /** A request from {@code principal} (or anonymous), over TLS, with the candidate's keys. */
  static AccessRequest request(
      String principal, Map<String, String> context, String action, String resource) {
    AccessRequest request =
        AccessRequest.of(principal, action, resource).with("aws:SecureTransport", "true");
    for (Map.Entry<String, String> entry : context.entrySet()) {
      request = request.with(entry.getKey(), entry.getValue());
    }
    return request;
  }

  /** The object the probes ask about under a prefix. */
  static String objectArn(Evidence.Bucket bucket, String prefix) {
    return "arn:aws:s3:::" + bucket.bucket() + "/" + prefix + PROBE_KEY;
  }

  /** The caller that stands for a candidate: anonymous stays anonymous. */
  static String caller(Candidates.Candidate candidate, boolean anonymous) {
    if (!candidate.principal().equals(Candidates.EVERYONE)) {
      return candidate.principal();
    }
    if (anonymous) {
      return "anonymous";
    }
    return Optional.ofNullable(candidate.context().get("aws:PrincipalAccount")).orElse(ANY_ACCOUNT);
  }

  static Result direct(
      AccessDocuments documents,
      String bucket,
      String prefix,
      String caller,
      Map<String, String> context) {
    return run(bucket, prefix, caller, context, request -> Evaluator.evaluate(documents, request));
  }

  static Result viaRole(
      RoleDocuments role,
      AccessDocuments documents,
      String bucket,
      String prefix,
      String caller,
      Map<String, String> context) {
    return run(
        bucket,
        prefix,
        caller,
        context,
        request -> Evaluator.evaluateViaRole(role, documents, request));
  }

  private static Result run(
      String bucket,
      String prefix,
      String caller,
      Map<String, String> context,
      java.util.function.Function<AccessRequest, Decision> judge) {
    RequestPrincipal.parse(caller); // fails early on a principal the evaluator cannot read
    Map<String, List<String>> allowed = new java.util.LinkedHashMap<>();
    boolean consumer = false;
    String bucketArn = "arn:aws:s3:::" + bucket;
    for (String action : BUCKET_ACTIONS) {
      AccessRequest request = request(caller, context, action, bucketArn).with("s3:prefix", prefix);
      consumer |= record(judge.apply(request), action, allowed);
    }
    for (String action : OBJECT_ACTIONS) {
      AccessRequest request =
          request(caller, context, action, bucketArn + "/" + prefix + PROBE_KEY);
      consumer |= record(judge.apply(request), action, allowed);
    }
    return new Result(allowed, consumer);
  }

  private static boolean record(
      Decision decision, String action, Map<String, List<String>> allowed) {
    if (!decision.allowed()) {
      return false;
    }
    allowed.put(action, decision.statements().stream().map(Object::toString).toList());
    return decision.consumerMustAlsoAllow();
  }
}
