package io.s3share.operator.evaluation;

import java.util.Locale;
import java.util.Optional;

/**
 * A condition operator taken apart: its set qualifier ({@code ForAnyValue:}/{@code ForAllValues:}),
 * its base comparison, whether that comparison is negated, and the {@code IfExists} suffix.
 */
record ConditionOperator(Qualifier qualifier, Base base, boolean negated, boolean ifExists) {

  /** How the values of a multi-valued key are combined. */
  enum Qualifier {
    SINGLE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  /** The positive comparisons; negated operators use the same one and invert it per value. */
  enum Base {
    STRING_EQUALS,
    STRING_EQUALS_IGNORE_CASE,
    STRING_LIKE,
    ARN_LIKE,
    BOOL,
    NULL,
    IP_ADDRESS,
    NUMERIC_EQUALS,
    NUMERIC_LESS_THAN,
    NUMERIC_LESS_THAN_EQUALS,
    NUMERIC_GREATER_THAN,
    NUMERIC_GREATER_THAN_EQUALS
  }

  /** The operator, or empty when it is one this evaluator does not know (it then never matches). */
  static Optional<ConditionOperator> parse(String text) {
    String name = text;
    Qualifier qualifier = Qualifier.SINGLE;
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("foranyvalue:")) {
      qualifier = Qualifier.FOR_ANY_VALUE;
      name = name.substring("ForAnyValue:".length());
    } else if (lower.startsWith("forallvalues:")) {
      qualifier = Qualifier.FOR_ALL_VALUES;
      name = name.substring("ForAllValues:".length());
    }
    boolean ifExists = false;
    if (name.toLowerCase(Locale.ROOT).endsWith("ifexists") && !name.equalsIgnoreCase("Null")) {
      ifExists = true;
      name = name.substring(0, name.length() - "IfExists".length());
    }
    Qualifier q = qualifier;
    boolean suffixed = ifExists;
    return base(name.toLowerCase(Locale.ROOT))
        .map(b -> new ConditionOperator(q, b.base(), b.negated(), suffixed));
  }

  private record Named(Base base, boolean negated) {}

  private static Optional<Named> base(String name) {
    Named named =
        switch (name) {
          case "stringequals" -> new Named(Base.STRING_EQUALS, false);
          case "stringnotequals" -> new Named(Base.STRING_EQUALS, true);
          case "stringequalsignorecase" -> new Named(Base.STRING_EQUALS_IGNORE_CASE, false);
          case "stringnotequalsignorecase" -> new Named(Base.STRING_EQUALS_IGNORE_CASE, true);
          case "stringlike" -> new Named(Base.STRING_LIKE, false);
          case "stringnotlike" -> new Named(Base.STRING_LIKE, true);
          // IAM documents ArnEquals and ArnLike as the same comparison, wildcards included.
          case "arnequals", "arnlike" -> new Named(Base.ARN_LIKE, false);
          case "arnnotequals", "arnnotlike" -> new Named(Base.ARN_LIKE, true);
          case "bool" -> new Named(Base.BOOL, false);
          case "null" -> new Named(Base.NULL, false);
          case "ipaddress" -> new Named(Base.IP_ADDRESS, false);
          case "notipaddress" -> new Named(Base.IP_ADDRESS, true);
          case "numericequals" -> new Named(Base.NUMERIC_EQUALS, false);
          case "numericnotequals" -> new Named(Base.NUMERIC_EQUALS, true);
          case "numericlessthan" -> new Named(Base.NUMERIC_LESS_THAN, false);
          case "numericlessthanequals" -> new Named(Base.NUMERIC_LESS_THAN_EQUALS, false);
          case "numericgreaterthan" -> new Named(Base.NUMERIC_GREATER_THAN, false);
          case "numericgreaterthanequals" -> new Named(Base.NUMERIC_GREATER_THAN_EQUALS, false);
          default -> null;
        };
    return Optional.ofNullable(named);
  }
}
