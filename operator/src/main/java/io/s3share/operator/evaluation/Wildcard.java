package io.s3share.operator.evaluation;

/**
 * IAM's glob matching: {@code *} any run of characters, {@code ?} exactly one.
 *
 * <p>Policy variables such as {@code ${aws:username}} are not resolved. A pattern that contains one
 * matches nothing, so that it can never match its own literal text by accident.
 */
final class Wildcard {

  private Wildcard() {}

  static boolean hasVariable(String pattern) {
    return pattern.contains("${");
  }

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    if (hasVariable(pattern)) {
      return false;
    }
    String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
    return glob(p, v);
  }

  /** Iterative glob with single-star backtracking: linear in practice, no regex compilation. */
  private static boolean glob(String p, String v) {
    int pi = 0;
    int vi = 0;
    int star = -1;
    int mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
