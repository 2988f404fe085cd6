package io.s3share.operator.evaluation;

import static io.s3share.operator.evaluation.CaseRewrites.asList;
import static io.s3share.operator.evaluation.CaseRewrites.conditions;
import static io.s3share.operator.evaluation.CaseRewrites.copy;
import static io.s3share.operator.evaluation.CaseRewrites.lower;
import static io.s3share.operator.evaluation.CaseRewrites.lowerList;
import static io.s3share.operator.evaluation.CaseRewrites.statements;
import static io.s3share.operator.evaluation.CaseRewrites.withStatements;

import io.s3share.operator.evaluation.CrossCheckCase.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Recognises, precisely, the cases where principalmapper is known to differ from IAM (listed in
 * docs/audit.md). Each deviation is a rewrite of the case that makes IAM semantics produce
 * principalmapper's answer (e.g. lower-casing every resource for its case-insensitive matching). A
 * disagreement is excused only when such a rewrite, applied to our evaluator, yields exactly
 * principalmapper's answer, and only rewrites that change the case are tried.
 */
final class KnownDeviations {

  private record Deviation(String name, UnaryOperator<CrossCheckCase> rewrite) {}

  // In order: a later rewrite is judged on the case the earlier ones produced.
  private static final List<Deviation> DEVIATIONS =
      List.of(
          new Deviation("resource-and-arn-case", KnownDeviations::lowerCaseResourcesAndArns),
          new Deviation("StringNotLike-missing-key", KnownDeviations::notLikeOnMissingKeyFails),
          new Deviation("NotPrincipal-one-identity", KnownDeviations::notPrincipalListsEither),
          new Deviation("IpAddressIfExists-negated", KnownDeviations::ipAddressIfExistsNegated),
          new Deviation("ForAnyValue-negated-set", KnownDeviations::forAnyValueNegatedOnWholeSet),
          new Deviation("AWS-star-as-account-grant", KnownDeviations::awsStarIsAccountGrant),
          new Deviation(
              "NotPrincipal-Deny-with-boundary", KnownDeviations::boundaryIgnoredInNotPrincipal),
          new Deviation(
              "role-grant-bypasses-boundary", KnownDeviations::directGrantBypassesBoundary));

  private KnownDeviations() {}

  /** The deviation (or "+"-joined deviations) that explains a disagreement, if any does. */
  static Optional<String> explain(CrossCheckCase c, String ours, String theirs) {
    boolean anyApplies = false;
    for (Deviation deviation : DEVIATIONS) {
      CrossCheckCase rewritten = deviation.rewrite().apply(c);
      if (!rewritten.toString().equals(c.toString())) {
        anyApplies = true;
        if (rewritten.ours().equals(theirs)) {
          return Optional.of(deviation.name());
        }
      }
    }
    if (anyApplies) {
      // Several deviations at once: apply them in order, each to the previous result.
      CrossCheckCase all = c;
      List<String> names = new ArrayList<>();
      for (Deviation deviation : DEVIATIONS) {
        CrossCheckCase rewritten = deviation.rewrite().apply(all);
        if (!rewritten.toString().equals(all.toString())) {
          names.add(deviation.name());
          all = rewritten;
        }
      }
      if (names.size() > 1 && all.ours().equals(theirs)) {
        return Optional.of(String.join("+", names));
      }
    }
    return Optional.empty();
  }

  // principalmapper compiles Resource, NotResource and Arn* patterns with re.IGNORECASE.
  private static CrossCheckCase lowerCaseResourcesAndArns(CrossCheckCase c) {
    List<String> arnKeys = new ArrayList<>();
    CrossCheckCase rewritten =
        withStatements(
            c,
            s -> {
              for (String element : List.of("Resource", "NotResource")) {
                if (s.containsKey(element)) {
                  s.put(element, lower(s.get(element)));
                }
              }
              conditions(s)
                  .forEach(
                      (operator, keys) -> {
                        if (operator.contains("Arn")) {
                          keys.replaceAll((key, values) -> lower(values));
                          arnKeys.addAll(keys.keySet());
                        }
                      });
            });
    Map<String, List<String>> context = new LinkedHashMap<>(rewritten.context());
    arnKeys.forEach(key -> context.computeIfPresent(key, (k, values) -> lowerList(values)));
    return new CrossCheckCase(
        c.mode(),
        c.owner(),
        c.principal(),
        c.action(),
        c.resource().toLowerCase(Locale.ROOT),
        context,
        rewritten.bucketPolicy(),
        rewritten.identityPolicies(),
        rewritten.boundary());
  }

  // principalmapper answers false for StringNotLike on a missing key (IAM: true).
  private static CrossCheckCase notLikeOnMissingKeyFails(CrossCheckCase c) {
    return withStatements(
        c,
        s -> {
          Map<String, Map<String, Object>> conditions = conditions(s);
          Map<String, Object> notLike = conditions.get("StringNotLike");
          if (notLike == null) {
            return;
          }
          for (String key : List.copyOf(notLike.keySet())) {
            if (c.request().values(key).isEmpty()) {
              // A positive operator on a missing key is false: principalmapper's answer.
              conditions
                  .computeIfAbsent("StringLike", k -> new LinkedHashMap<>())
                  .put(key, notLike.remove(key));
            }
          }
          if (notLike.isEmpty()) {
            conditions.remove("StringNotLike");
          }
        });
  }

  // principalmapper leaves a role out of NotPrincipal when its ARN or its account is listed; IAM
  // needs both.
  private static CrossCheckCase notPrincipalListsEither(CrossCheckCase c) {
    RequestPrincipal caller = RequestPrincipal.parse(c.principal());
    if (caller.kind() != RequestPrincipal.Kind.IAM_ENTITY) {
      return c;
    }
    return withStatements(
        c,
        s -> {
          if (!(s.get("NotPrincipal") instanceof Map<?, ?> element)) {
            return;
          }
          List<String> aws = asList(element.get("AWS"));
          boolean role = aws.contains(caller.arn());
          boolean account = aws.contains(caller.accountId()) || aws.contains(caller.rootArn());
          if (role != account) {
            List<String> both = new ArrayList<>(aws);
            both.add(role ? caller.rootArn() : caller.arn());
            s.put("NotPrincipal", Map.of("AWS", both));
          }
        });
  }

  // principalmapper compares the operator name with "IpAddress" exactly, so IpAddressIfExists
  // falls into its NotIpAddress branch.
  private static CrossCheckCase ipAddressIfExistsNegated(CrossCheckCase c) {
    return withStatements(
        c,
        s -> {
          Map<String, Map<String, Object>> conditions = conditions(s);
          Map<String, Object> keys = conditions.remove("IpAddressIfExists");
          if (keys != null) {
            conditions
                .computeIfAbsent("NotIpAddressIfExists", k -> new LinkedHashMap<>())
                .putAll(keys);
          }
        });
  }

  // For ForAnyValue with a negated operator principalmapper tests the whole set at once ("no
  // value matches"), which is ForAllValues, where IAM asks for one value that does not match.
  private static CrossCheckCase forAnyValueNegatedOnWholeSet(CrossCheckCase c) {
    return withStatements(
        c,
        s -> {
          Map<String, Map<String, Object>> conditions = conditions(s);
          for (String operator : List.copyOf(conditions.keySet())) {
            if (!operator.startsWith("ForAnyValue:String" + "Not")) {
              continue;
            }
            Map<String, Object> keys = conditions.get(operator);
            for (String key : List.copyOf(keys.keySet())) {
              if (c.request().values(key).map(List::size).orElse(0) > 1) {
                String all = operator.replace("ForAnyValue:", "ForAllValues:");
                conditions
                    .computeIfAbsent(all, k -> new LinkedHashMap<>())
                    .put(key, keys.remove(key));
              }
            }
            if (keys.isEmpty()) {
              conditions.remove(operator);
            }
          }
        });
  }

  // IAM applies a Deny with NotPrincipal to every principal that has a permissions boundary;
  // principalmapper judges NotPrincipal as usual (with its own rule, above).
  private static CrossCheckCase boundaryIgnoredInNotPrincipal(CrossCheckCase c) {
    if (c.mode() == Mode.RESOURCE || c.boundary() == null) {
      return c;
    }
    RequestPrincipal caller = RequestPrincipal.parse(c.principal());
    Map<String, Object> policy = copy(c.bucketPolicy());
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> s : statements(policy)) {
      if ("Deny".equals(s.get("Effect")) && s.get("NotPrincipal") instanceof Map<?, ?> element) {
        List<String> aws = asList(element.get("AWS"));
        if (aws.contains("*")
            || aws.contains(caller.arn())
            || aws.contains(caller.accountId())
            || aws.contains(caller.rootArn())) {
          continue;
        }
      }
      kept.add(s);
    }
    policy.put("Statement", kept);
    return new CrossCheckCase(
        c.mode(),
        c.owner(),
        c.principal(),
        c.action(),
        c.resource(),
        c.context(),
        policy,
        c.identityPolicies(),
        c.boundary());
  }

  // principalmapper lets a same-account resource-policy grant naming the caller skip the
  // permissions boundary (right for IAM users, but IAM applies the boundary to role ARNs).
  private static CrossCheckCase directGrantBypassesBoundary(CrossCheckCase c) {
    if (c.mode() == Mode.RESOURCE
        || c.boundary() == null
        || !c.principal().contains(":" + c.owner() + ":")) {
      return c;
    }
    List<Map<String, Object>> denyOnly = new ArrayList<>();
    for (Map<String, Object> policy : c.identityPolicies()) {
      Map<String, Object> copy = copy(policy);
      copy.put(
          "Statement",
          statements(copy).stream().filter(s -> "Deny".equals(s.get("Effect"))).toList());
      denyOnly.add(copy);
    }
    CrossCheckCase bucketAlone =
        new CrossCheckCase(
            c.mode(),
            c.owner(),
            c.principal(),
            c.action(),
            c.resource(),
            c.context(),
            c.bucketPolicy(),
            denyOnly,
            null);
    if (!bucketAlone.ours().equals("ALLOW")) {
      return c;
    }
    // The bucket policy alone grants it: principalmapper's answer regardless of the boundary.
    return bucketAlone;
  }

  // In the caller's own account principalmapper counts {"AWS": "*"} (unlike "*") as a grant to
  // the account only, so it also asks for an identity-policy allow; IAM treats both as "*".
  private static CrossCheckCase awsStarIsAccountGrant(CrossCheckCase c) {
    RequestPrincipal caller = RequestPrincipal.parse(c.principal());
    if (c.mode() == Mode.RESOURCE || !c.owner().equals(caller.accountId())) {
      return c;
    }
    Map<String, Object> policy = copy(c.bucketPolicy());
    for (Map<String, Object> s : statements(policy)) {
      if (s.get("Principal") instanceof Map<?, ?> element
          && asList(element.get("AWS")).contains("*")) {
        List<String> aws = new ArrayList<>(asList(element.get("AWS")));
        aws.replaceAll(v -> v.equals("*") ? caller.accountId() : v);
        s.put("Principal", Map.of("AWS", aws));
      }
    }
    return new CrossCheckCase(
        c.mode(),
        c.owner(),
        c.principal(),
        c.action(),
        c.resource(),
        c.context(),
        policy,
        c.identityPolicies(),
        c.boundary());
  }
}
