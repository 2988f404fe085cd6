package io.s3share.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.KeyPrefixes;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CEL rule's expression finds exactly the {@code .} and {@code ..} path segments. */
class KeyPrefixesRuleTest {

  // CEL's matches() is a search, like Java's find().
  static final Pattern DOT_SEGMENT = Pattern.compile(regexOf(KeyPrefixes.NO_DOT_SEGMENTS_RULE));

  @ParameterizedTest
  @ValueSource(
      strings = {"../escape/", "reports/./2024/", "reports/../payroll/", "reports/..", "."})
  void refusesDotSegments(String prefix) {
    assertThat(DOT_SEGMENT.matcher(prefix).find()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reports/", "..hidden/", "v1.2/", "a.b/c../", ".../x/", "reports"})
  void acceptsDotsInsideNames(String prefix) {
    assertThat(DOT_SEGMENT.matcher(prefix).find()).isFalse();
  }

  private static String regexOf(String rule) {
    int start = rule.indexOf("matches('") + "matches('".length();
    return rule.substring(start, rule.indexOf("')", start));
  }
}
