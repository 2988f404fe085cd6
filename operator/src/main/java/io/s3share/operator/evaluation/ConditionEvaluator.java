package io.s3share.operator.evaluation;

import io.s3share.operator.evaluation.ConditionOperator.Base;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a statement's Condition block as IAM does.
 *
 * <ul>
 *   <li>All clauses (operators and keys) must match; the values listed for one key are ORed.
 *   <li>A key missing from the request: a positive operator does not match, a negated operator
 *       ({@code StringNotEquals}, {@code StringNotLike}, {@code ArnNot*}, {@code NotIpAddress},
 *       {@code NumericNotEquals}) matches, any {@code …IfExists} form matches, {@code
 *       ForAllValues:} matches and {@code ForAnyValue:} does not. {@code Null} tests presence.
 *   <li>{@code ForAnyValue:} needs one request value to satisfy the comparison, {@code
 *       ForAllValues:} every one. For a negated operator, a request value satisfies it when it
 *       matches none of the policy values.
 *   <li>String comparisons are case-sensitive except the IgnoreCase forms; ARN comparisons match
 *       each of the six colon-separated parts separately, case-sensitively, with wildcards.
 *   <li>Unknown operators, and policy values that hold a policy variable, never match.
 * </ul>
 */
final class ConditionEvaluator {

  private ConditionEvaluator() {}

  static boolean matches(List<ConditionClause> clauses, AccessRequest request) {
    for (ConditionClause clause : clauses) {
      if (!matches(clause, request)) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(ConditionClause clause, AccessRequest request) {
    Optional<ConditionOperator> parsed = ConditionOperator.parse(clause.operator());
    if (parsed.isEmpty()) {
      return false;
    }
    ConditionOperator op = parsed.get();
    List<String> present = request.values(clause.key()).orElse(List.of());
    if (op.base() == Base.NULL) {
      return clause.values().stream()
          .anyMatch(v -> v.equalsIgnoreCase("true") == present.isEmpty());
    }
    if (present.isEmpty()) {
      if (op.ifExists()) {
        return true;
      }
      return switch (op.qualifier()) {
        case FOR_ALL_VALUES -> true;
        case FOR_ANY_VALUE -> false;
        case SINGLE -> op.negated();
      };
    }
    return switch (op.qualifier()) {
      case FOR_ANY_VALUE -> present.stream().anyMatch(v -> satisfies(op, clause.values(), v));
      case FOR_ALL_VALUES, SINGLE ->
          op.negated() || op.qualifier() == ConditionOperator.Qualifier.FOR_ALL_VALUES
              ? present.stream().allMatch(v -> satisfies(op, clause.values(), v))
              : present.stream().anyMatch(v -> satisfies(op, clause.values(), v));
    };
  }

  /**
   * One request value against the policy values: any of them for a positive operator, none for a
   * negated one.
   */
  private static boolean satisfies(ConditionOperator op, List<String> policyValues, String value) {
    boolean any = policyValues.stream().anyMatch(p -> compare(op.base(), p, value));
    return op.negated() != any;
  }

  private static boolean compare(Base base, String policy, String value) {
    if (Wildcard.hasVariable(policy)) {
      return false;
    }
    return switch (base) {
      case STRING_EQUALS -> policy.equals(value);
      case STRING_EQUALS_IGNORE_CASE -> policy.equalsIgnoreCase(value);
      case STRING_LIKE -> Wildcard.matches(policy, value, false);
      case ARN_LIKE -> arnLike(policy, value);
      case BOOL -> policy.equalsIgnoreCase(value);
      case IP_ADDRESS -> IpRange.contains(policy, value);
      case NUMERIC_EQUALS -> numeric(policy, value, c -> c == 0);
      case NUMERIC_LESS_THAN -> numeric(policy, value, c -> c < 0);
      case NUMERIC_LESS_THAN_EQUALS -> numeric(policy, value, c -> c <= 0);
      case NUMERIC_GREATER_THAN -> numeric(policy, value, c -> c > 0);
      case NUMERIC_GREATER_THAN_EQUALS -> numeric(policy, value, c -> c >= 0);
      case NULL -> throw new IllegalStateException("Null is handled before values are compared");
    };
  }

  /** IAM compares each of the six ARN parts on its own, so a wildcard never spans a colon there. */
  static boolean arnLike(String pattern, String value) {
    String[] p = pattern.split(":", 6);
    String[] v = value.split(":", 6);
    if (p.length != 6 || v.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!Wildcard.matches(p[i], v[i], false)) {
        return false;
      }
    }
    return true;
  }

  private interface Comparison {
    boolean holds(int compareResult);
  }

  /** Compares the request value with the policy value; false when either is not a number. */
  private static boolean numeric(String policy, String value, Comparison comparison) {
    try {
      return comparison.holds(
          new BigDecimal(value.trim()).compareTo(new BigDecimal(policy.trim())));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
