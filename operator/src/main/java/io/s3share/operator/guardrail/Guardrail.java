package io.s3share.operator.guardrail;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether SharingPolicies allow a share: deny by default, and allowed only when at least
 * one policy selecting the namespace allows every part of it. Pure: no I/O.
 */
public final class Guardrail {

  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[a-z-]+:iam::([0-9]{12}):");

  private Guardrail() {}

  /**
   * @param namespaceLabels the labels of the request's namespace (empty when unknown)
   * @param rules every SharingPolicy in the cluster
   */
  public static Decision decide(
      Request request, Map<String, String> namespaceLabels, Collection<Rule> rules) {
    List<String> considered = new ArrayList<>();
    List<Rule> allowing = new ArrayList<>();
    List<String> allowedBy = new ArrayList<>();
    List<String> why = new ArrayList<>();
    rules.stream()
        .filter(rule -> rule.namespaces().matches(namespaceLabels))
        .sorted(Comparator.comparing(Rule::name))
        .forEach(
            rule -> {
              considered.add(rule.name());
              List<String> violations = violations(rule, request);
              if (violations.isEmpty()) {
                allowing.add(rule);
                allowedBy.add(rule.name());
              } else {
                why.add("SharingPolicy " + rule.name() + ": " + String.join("; ", violations));
              }
            });
    if (!allowedBy.isEmpty()) {
      return new Decision(allowedBy, considered, "", reviewOf(allowing));
    }
    String message =
        considered.isEmpty()
            ? "No SharingPolicy selects namespace "
                + request.namespace()
                + ", so "
                + request.what()
                + " may share nothing. Ask the platform team for a SharingPolicy whose"
                + " namespaceSelector matches this namespace's labels."
            : request.what()
                + " is not allowed by any of the SharingPolicies selecting namespace "
                + request.namespace()
                + " ("
                + String.join(", ", considered)
                + "). "
                + String.join(". ", why)
                + ". Change the spec to fit a policy, or ask the platform team to widen one.";
    return new Decision(List.of(), considered, message + " Nothing is granted meanwhile.");
  }

  /**
   * The review that applies to a resource the given rules each allow. Policies combine by OR, so
   * the most lenient one decides: none when one of them asks for no review, else the longest
   * interval, and only reported rather than revoked when any policy with that interval says so.
   */
  static Optional<ReviewRequirement> reviewOf(List<Rule> allowing) {
    if (allowing.isEmpty() || allowing.stream().anyMatch(rule -> rule.review().isEmpty())) {
      return Optional.empty();
    }
    return allowing.stream()
        .map(rule -> rule.review().get())
        .max(
            Comparator.comparing(ReviewRequirement::every)
                .thenComparing(review -> !review.revoke()));
  }

  /** What {@code rule} does not allow in {@code request}; empty when it allows all of it. */
  public static List<String> violations(Rule rule, Request request) {
    List<String> out = new ArrayList<>();
    methodViolation(rule, request).ifPresent(out::add);
    if (!rule.accounts().contains(request.account())) {
      out.add("AwsAccount " + request.account() + " is not in " + sorted(rule.accounts()));
    }
    for (Request.Part part : request.parts()) {
      if (rule.buckets().stream().noneMatch(p -> p.matches(part.bucket()))) {
        out.add(
            "bucket "
                + part.bucket()
                + " matches none of "
                + rule.buckets().stream().map(BucketPattern::pattern).toList());
      }
      rule.prefixes()
          .filter(allowed -> !allowed.isEmpty())
          .ifPresent(allowed -> prefixViolations(part, allowed, out));
      if (!covers(rule.maxAccess(), part.access())) {
        out.add("access " + part.access() + " exceeds maxAccess " + rule.maxAccess());
      }
    }
    for (Request.Principal principal : request.principals()) {
      if (!allows(rule, principal)) {
        out.add(principal + " is not an allowed consumer");
      }
    }
    rule.maxDuration().flatMap(max -> durationViolation(max, request)).ifPresent(out::add);
    if (rule.requireTls() && !request.requireTls()) {
      out.add("requireTls must be true");
    }
    if (rule.requireExternalId()
        && request.methods().contains(SharingMethod.CrossAccountRole)
        && !request.externalIdRequired()) {
      out.add("the trust policy must require an ExternalId");
    }
    return out;
  }

  /**
   * Every method the request may use must be allowed. A share with {@code via: Auto} may land on
   * either the bucket policy or an access point, so it needs both; when the policy allows one of
   * them, the message suggests choosing it explicitly.
   */
  private static Optional<String> methodViolation(Rule rule, Request request) {
    List<String> missing =
        sorted(request.methods().stream().filter(m -> !rule.methods().contains(m)).toList());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    if (request.methods().size() == 1) {
      return Optional.of("method " + missing.get(0) + " is not in " + sorted(rule.methods()));
    }
    // Only via: Auto asks for more than one method: BucketPolicy and AccessPoint.
    List<String> possible = sorted(request.methods());
    List<String> allowed = possible.stream().filter(m -> !missing.contains(m)).toList();
    return Optional.of(
        "via Auto may grant through "
            + String.join(" or ", possible)
            + ", so methods must allow both, but "
            + (allowed.isEmpty() ? "neither is in " : String.join(" and ", missing) + " is not in ")
            + sorted(rule.methods())
            + (allowed.isEmpty()
                ? ""
                : ": set via: " + String.join(" or ", allowed) + " explicitly"));
  }

  /** A resource covered by a maxDuration must expire, and no later than that from now. */
  private static Optional<String> durationViolation(Duration max, Request request) {
    if (request.lifetime().isEmpty()) {
      return Optional.of(
          "spec.expiresAt must be set, at most "
              + Durations.describe(max)
              + " from now (maxDuration)");
    }
    Duration lifetime = request.lifetime().get();
    if (lifetime.compareTo(max) > 0) {
      return Optional.of(
          "spec.expiresAt is "
              + Durations.describe(lifetime)
              + " from now, beyond maxDuration "
              + Durations.describe(max)
              + ": set it at most "
              + Durations.describe(max)
              + " from now");
    }
    return Optional.empty();
  }

  /** Whether {@code max} allows {@code requested}: List < Read < ReadWrite, Write < ReadWrite. */
  public static boolean covers(Access max, Access requested) {
    return switch (max) {
      case ReadWrite -> true;
      case Read -> requested == Access.Read || requested == Access.List;
      case Write -> requested == Access.Write;
      case List -> requested == Access.List;
    };
  }

  private static void prefixViolations(Request.Part part, List<String> allowed, List<String> out) {
    if (part.prefixes().isEmpty()) {
      out.add(
          "bucket "
              + part.bucket()
              + " is shared whole, but only prefixes "
              + allowed
              + " are allowed");
      return;
    }
    for (String prefix : part.prefixes()) {
      if (allowed.stream().noneMatch(prefix::startsWith)) {
        out.add("prefix " + prefix + " is not under " + allowed);
      }
    }
  }

  private static boolean allows(Rule rule, Request.Principal principal) {
    if (principal.accountId() != null) {
      return rule.consumerAccounts().contains(principal.accountId());
    }
    if (principal.organizationId() != null) {
      return rule.consumerOrganizations().contains(principal.organizationId());
    }
    if (principal.roleArn() != null) {
      Matcher m = ROLE_ACCOUNT.matcher(principal.roleArn());
      return m.find() && rule.consumerAccounts().contains(m.group(1));
    }
    return false;
  }

  private static List<String> sorted(Collection<?> values) {
    return values.stream().map(String::valueOf).sorted().toList();
  }
}
