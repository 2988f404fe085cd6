package io.s3share.operator.guardrail;

import java.util.regex.Pattern;

/**
 * A bucket name or pattern from a SharingPolicy. Segments are the parts of a name between hyphens
 * and dots; {@code *} stands for one or more whole segments, joined by their own separators. So
 * {@code team-a-*} matches {@code team-a-data} and {@code team-a-raw.logs}, but neither {@code
 * team-ab} nor {@code team-a}.
 */
public record BucketPattern(String pattern) {

  /** One or more segments: what {@code *} expands to. */
  static final String SEGMENTS = "[a-z0-9]+([-.][a-z0-9]+)*";

  public BucketPattern {
    for (String segment : pattern.split("[-.]", -1)) {
      if (segment.contains("*") && !segment.equals("*")) {
        throw new IllegalArgumentException(
            "bucket pattern " + pattern + ": * must be a whole segment between hyphens or dots");
      }
    }
  }

  /** The anchored regular expression (RE2 and java.util.regex alike) this pattern stands for. */
  public String regex() {
    StringBuilder regex = new StringBuilder("^");
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        regex.append(quote(literal)).append(SEGMENTS);
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    return regex.append(quote(literal)).append('$').toString();
  }

  public boolean matches(String bucket) {
    return Pattern.matches(regex(), bucket);
  }

  private static String quote(CharSequence literal) {
    return literal.toString().replace(".", "\\.");
  }
}
