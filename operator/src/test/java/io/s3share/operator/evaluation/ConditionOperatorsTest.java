package io.s3share.operator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionOperatorsTest {

  private static final String KEY = "aws:PrincipalOrgID";

  /** The clause {operator: {KEY: values}} against a request whose KEY holds the given values. */
  private static boolean holds(String operator, String policyValues, String requestValues) {
    ConditionClause clause =
        new ConditionClause(operator, KEY, Arrays.asList(policyValues.split(",")));
    AccessRequest request =
        new AccessRequest(
            RequestPrincipal.parse(Docs.CONSUMER),
            "s3:GetObject",
            Docs.OBJECT,
            requestValues.equals("<missing>")
                ? Map.of()
                : Map.of(KEY, Arrays.asList(requestValues.split(","))));
    return ConditionEvaluator.matches(clause, request);
  }

  @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "StringEquals              | o-abc       | o-abc     | true",
        "StringEquals              | o-abc       | O-ABC     | false",
        "StringEquals              | o-x,o-abc   | o-abc     | true",
        "StringNotEquals           | o-abc       | o-abc     | false",
        "StringNotEquals           | o-abc       | o-def     | true",
        "StringNotEquals           | o-x,o-abc   | o-abc     | false",
        "StringEqualsIgnoreCase    | o-abc       | O-ABC     | true",
        "StringNotEqualsIgnoreCase | o-abc       | O-ABC     | false",
        "StringLike                | o-a*        | o-abc     | true",
        "StringLike                | o-a?c       | o-abc     | true",
        "StringLike                | o-A*        | o-abc     | false",
        "StringNotLike             | o-a*        | o-abc     | false",
        "StringNotLike             | o-z*        | o-abc     | true",
        "stringequals              | o-abc       | o-abc     | true",
        "StringEquals              | o-abc       | <missing> | false",
        "StringNotEquals           | o-abc       | <missing> | true",
        "StringLike                | o-*         | <missing> | false",
        "StringNotLike             | o-*         | <missing> | true",
        "StringEqualsIfExists      | o-abc       | <missing> | true",
        "StringEqualsIfExists      | o-abc       | o-def     | false",
        "StringNotLikeIfExists     | o-*         | <missing> | true",
        "StringNotLikeIfExists     | o-*         | o-abc     | false",
        "Null                      | true        | <missing> | true",
        "Null                      | true        | o-abc     | false",
        "Null                      | false       | o-abc     | true",
        "Null                      | false       | <missing> | false",
        "ForAnyValue:StringEquals  | o-a,o-b     | o-c,o-b   | true",
        "ForAnyValue:StringEquals  | o-a         | o-c,o-b   | false",
        "ForAnyValue:StringEquals  | o-a         | <missing> | false",
        "ForAnyValue:StringNotEquals | o-a       | o-a,o-b   | true",
        "ForAnyValue:StringNotEquals | o-a       | o-a       | false",
        "ForAllValues:StringEquals | o-a,o-b     | o-a,o-b   | true",
        "ForAllValues:StringEquals | o-a         | o-a,o-b   | false",
        "ForAllValues:StringEquals | o-a         | <missing> | true",
        "ForAllValues:StringLike   | o-*         | o-a,o-b   | true",
        "ForAllValues:StringNotLike | o-a*       | o-b,o-c   | true",
        "ForAllValues:StringNotLike | o-a*       | o-b,o-ab  | false",
        "ForAnyValue:StringLikeIfExists | o-a* | <missing> | true",
        "NoSuchOperator            | o-abc       | o-abc     | false",
      })
  void stringOperators(String operator, String policy, String request, boolean expected) {
    assertThat(holds(operator, policy, request)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ArnEquals    | arn:aws:iam::222222222222:role/reader | arn:aws:iam::222222222222:role/reader | true",
        "ArnEquals    | arn:aws:iam::222222222222:role/*      | arn:aws:iam::222222222222:role/reader | true",
        "ArnLike      | arn:aws:iam::*:role/reader            | arn:aws:iam::222222222222:role/reader | true",
        "ArnLike      | arn:aws:iam::222222222222:role/READER | arn:aws:iam::222222222222:role/reader | false",
        "ArnLike      | arn:aws:iam::2222*                    | arn:aws:iam::222222222222:role/reader | false",
        "ArnLike      | arn:aws:s3:us-east-1:111111111111:accesspoint/share-* | arn:aws:s3:us-east-1:111111111111:accesspoint/share-1 | true",
        "ArnNotEquals | arn:aws:iam::222222222222:role/reader | arn:aws:iam::222222222222:role/writer | true",
        "ArnNotLike   | arn:aws:iam::*:role/r*                | arn:aws:iam::222222222222:role/reader | false",
        "ArnLike      | arn:aws:iam::*:role/*                 | <missing>                              | false",
        "ArnNotLike   | arn:aws:iam::*:role/*                 | <missing>                              | true",
        "ArnLikeIfExists | arn:aws:iam::*:role/x              | <missing>                              | true",
        "Bool         | true                                  | true                                   | true",
        "Bool         | true                                  | false                                  | false",
        "Bool         | false                                 | FALSE                                  | true",
        "Bool         | true                                  | <missing>                              | false",
        "BoolIfExists | true                                  | <missing>                              | true",
        "IpAddress    | 203.0.113.0/24                        | 203.0.113.77                           | true",
        "IpAddress    | 203.0.113.0/24                        | 203.0.114.1                            | false",
        "IpAddress    | 10.0.0.0/8,203.0.113.7                | 203.0.113.7                            | true",
        "IpAddress    | 2001:db8::/32                         | 2001:db8::1                            | true",
        "IpAddress    | 203.0.113.0/24                        | not-an-ip                              | false",
        "IpAddress    | 203.0.113.0/24                        | 999.0.113.1                            | false",
        "IpAddress    | 203.0.113.0/24                        | <missing>                              | false",
        "NotIpAddress | 203.0.113.0/24                        | 203.0.113.77                           | false",
        "NotIpAddress | 203.0.113.0/24                        | 198.51.100.1                           | true",
        "NotIpAddress | 203.0.113.0/24                        | <missing>                              | true",
        "IpAddressIfExists | 203.0.113.0/24                   | <missing>                              | true",
        "NumericLessThan | 10                                 | 9                                      | true",
        "NumericLessThan | 10                                 | 10                                     | false",
        "NumericLessThanEquals | 10                           | 10.0                                   | true",
        "NumericGreaterThan | 10                              | 11                                     | true",
        "NumericGreaterThanEquals | 10                        | 9                                      | false",
        "NumericEquals | 10                                   | ten                                    | false",
        "NumericNotEquals | 10                                | 11                                     | true",
        "NumericNotEquals | 10                                | <missing>                              | true",
      })
  void arnBoolIpAndNumericOperators(
      String operator, String policy, String request, boolean expected) {
    assertThat(holds(operator, policy, request)).isEqualTo(expected);
  }

  @Test
  void severalKeysAndOperatorsAreAndedWhileValuesOfOneKeyAreOred() {
    List<ConditionClause> clauses =
        List.of(
            new ConditionClause("StringEquals", "aws:PrincipalOrgID", List.of("o-a", "o-b")),
            new ConditionClause("Bool", "aws:SecureTransport", List.of("true")));
    AccessRequest base = AccessRequest.of(Docs.CONSUMER, "s3:GetObject", Docs.OBJECT);

    assertThat(
            ConditionEvaluator.matches(
                clauses,
                base.with("aws:PrincipalOrgID", "o-b").with("aws:SecureTransport", "true")))
        .isTrue();
    assertThat(
            ConditionEvaluator.matches(
                clauses,
                base.with("aws:PrincipalOrgID", "o-b").with("aws:SecureTransport", "false")))
        .isFalse();
    assertThat(ConditionEvaluator.matches(clauses, base.with("aws:SecureTransport", "true")))
        .isFalse();
  }

  @Test
  void conditionKeyNamesAreCaseInsensitiveButValuesAreNot() {
    ConditionClause clause =
        new ConditionClause("StringEquals", "AWS:principalorgid", List.of("o-abc"));
    AccessRequest base = AccessRequest.of(Docs.CONSUMER, "s3:GetObject", Docs.OBJECT);

    assertThat(ConditionEvaluator.matches(clause, base.with("aws:PrincipalOrgID", "o-abc")))
        .isTrue();
    assertThat(ConditionEvaluator.matches(clause, base.with("aws:PrincipalOrgID", "O-ABC")))
        .isFalse();
  }

  @Test
  void conditionValuesMayBeWrittenAsOneStringOrAnArrayOrAJsonBoolean() {
    String asString =
        Docs.policy(
            "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'*',"
                + "'Condition':{'Bool':{'aws:SecureTransport':'true'}}}");
    String asArray = asString.replace("\"true\"", "[\"true\"]");
    String asBoolean = asString.replace("\"true\"", "true");
    AccessRequest tls =
        AccessRequest.of(Docs.CONSUMER, "s3:GetObject", Docs.OBJECT)
            .with("aws:SecureTransport", "true");

    for (String json : List.of(asString, asArray, asBoolean)) {
      assertThat(Evaluator.evaluate(AccessDocuments.forBucket(Docs.OWNER, json), tls).allowed())
          .as(json)
          .isTrue();
    }
  }
}
