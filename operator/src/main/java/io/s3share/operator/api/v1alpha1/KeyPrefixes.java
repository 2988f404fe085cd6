package io.s3share.operator.api.v1alpha1;

/** The CEL rule that keeps {@code .} and {@code ..} path segments out of granted key prefixes. */
public final class KeyPrefixes {

  /**
   * True when no prefix in the list has a {@code .} or {@code ..} segment. S3 keys are literal, so
   * {@code ../escape/} would be granted as exactly that key, while many clients normalise such
   * paths before they send them: the grant would not mean what it says.
   */
  public static final String NO_DOT_SEGMENTS_RULE = "self.all(p, !p.matches('(^|/)[.]{1,2}(/|$)'))";

  /** Why the rule refuses, after the field name. */
  public static final String NO_DOT_SEGMENTS_MESSAGE =
      " must not contain . or .. path segments, e.g. ../escape/ or reports/./2024/: S3 keys are"
          + " literal but many clients normalise paths, so the grant would not cover the keys it"
          + " seems to name. Give the literal key prefix, e.g. reports/2024/";

  private KeyPrefixes() {}
}
