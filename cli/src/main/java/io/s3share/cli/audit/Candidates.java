package io.s3share.cli.audit;

import io.s3share.operator.evaluation.ConditionClause;
import io.s3share.operator.evaluation.Effect;
import io.s3share.operator.evaluation.PolicyDocument;
import io.s3share.operator.evaluation.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads from a policy who it might let in, and at which key prefixes: the questions the audit then
 * puts to the evaluator. Pure.
 */
final class Candidates {

  static final String EVERYONE = "*";
  private static final Pattern ROLE_UNIQUE_ID = Pattern.compile("AROA[A-Z0-9]{12,}");
  // Condition operators whose first value describes a request the statement lets in.
  private static final Set<String> POSITIVE =
      Set.of("stringequals", "stringlike", "arnequals", "arnlike", "stringequalsignorecase");
  // Keys the audit fills itself, or that only a request through an access point carries.
  private static final Set<String> NOT_FILLED =
      Set.of("s3:prefix", "s3:dataaccesspointaccount", "s3:dataaccesspointarn");

  private Candidates() {}

  /**
   * Someone a statement names, with the context keys its conditions ask for.
   *
   * @param principal an account id, an ARN or {@code *}
   * @param context one value per condition key the Allow statement requires
   */
  record Candidate(String principal, Map<String, String> context) {
    String label() {
      if (context.isEmpty()) {
        return principal;
      }
      List<String> pairs = new ArrayList<>();
      // An ExternalId is not a secret, but it does not belong in CI logs either.
      context.forEach(
          (key, value) ->
              pairs.add(key + "=" + (key.equalsIgnoreCase("sts:ExternalId") ? "(set)" : value)));
      return principal + " if " + String.join(",", pairs);
    }
  }

  /** Every principal an Allow statement names (AROA ids left out: see {@link #dangling}). */
  static List<Candidate> of(PolicyDocument policy) {
    Set<Candidate> result = new LinkedHashSet<>();
    for (Statement statement : policy.statements()) {
      if (statement.effect() != Effect.ALLOW) {
        continue;
      }
      Map<String, String> context = fill(statement.conditions());
      boolean everyone =
          statement.notPrincipal().isPresent()
              || statement.principal().map(p -> p.everyone()).orElse(false);
      if (everyone) {
        result.add(new Candidate(EVERYONE, context));
      }
      for (String value : statement.principal().map(p -> p.values("AWS")).orElse(List.of())) {
        if (!ROLE_UNIQUE_ID.matcher(value).matches()) {
          result.add(new Candidate(value, context));
        }
      }
    }
    return List.copyOf(result);
  }

  /** The {@code AROA…} ids a policy names: principals deleted since the policy was written. */
  static Map<String, String> dangling(PolicyDocument policy) {
    Map<String, String> bySid = new LinkedHashMap<>();
    for (Statement statement : policy.statements()) {
      for (var element : List.of(statement.principal(), statement.notPrincipal())) {
        for (String value : element.map(p -> p.values("AWS")).orElse(List.of())) {
          if (ROLE_UNIQUE_ID.matcher(value).matches()) {
            bySid.put(value, statement.ref().id());
          }
        }
      }
    }
    return bySid;
  }

  /**
   * The key prefixes the Allow statements scope: from object ARNs ({@code bucket/prefix*}, or
   * {@code accesspoint/name/object/prefix*}) and from {@code s3:prefix} conditions. Always holds
   * the empty prefix, which stands for the whole bucket.
   */
  static Set<String> prefixes(PolicyDocument policy) {
    Set<String> prefixes = new TreeSet<>();
    prefixes.add("");
    for (Statement statement : policy.statements()) {
      if (statement.effect() != Effect.ALLOW) {
        continue;
      }
      for (String resource : statement.resources().orElse(List.of())) {
        keyPart(resource).map(Candidates::beforeWildcard).ifPresent(prefixes::add);
      }
      for (ConditionClause clause : statement.conditions()) {
        if (clause.key().equalsIgnoreCase("s3:prefix")) {
          clause.values().stream().map(Candidates::beforeWildcard).forEach(prefixes::add);
        }
      }
    }
    return prefixes;
  }

  private static Map<String, String> fill(List<ConditionClause> conditions) {
    Map<String, String> context = new LinkedHashMap<>();
    for (ConditionClause clause : conditions) {
      String operator = clause.operator().toLowerCase(Locale.ROOT).replace("foranyvalue:", "");
      String key = clause.key().toLowerCase(Locale.ROOT);
      if (POSITIVE.contains(operator) && !NOT_FILLED.contains(key) && !clause.values().isEmpty()) {
        context.put(clause.key(), clause.values().get(0).replace("*", "x"));
      }
    }
    return context;
  }

  private static Optional<String> keyPart(String resource) {
    int object = resource.indexOf(":accesspoint/");
    if (object >= 0) {
      int marker = resource.indexOf("/object/", object);
      return marker < 0 ? Optional.empty() : Optional.of(resource.substring(marker + 8));
    }
    int slash = resource.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(resource.substring(slash + 1));
  }

  private static String beforeWildcard(String pattern) {
    int star = pattern.indexOf('*');
    int question = pattern.indexOf('?');
    int cut = star < 0 ? question : question < 0 ? star : Math.min(star, question);
    return cut < 0 ? pattern : pattern.substring(0, cut);
  }
}
