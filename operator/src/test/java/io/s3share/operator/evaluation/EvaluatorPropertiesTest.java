package io.s3share.operator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties of the evaluator over generated policies and requests. */
class EvaluatorPropertiesTest {

  private static final int CASES = 50;

  private static List<CrossCheckCase> cases(long seed) {
    return new CrossCheckGenerator(seed).cases(CASES);
  }

  private static Decision judge(CrossCheckCase c, Map<String, Object> bucketPolicy) {
    AccessDocuments documents =
        AccessDocuments.forBucket(c.owner(), CrossCheckCase.json(bucketPolicy));
    if (c.mode() == CrossCheckCase.Mode.FULL) {
      documents =
          documents.withIdentity(
              IdentityDocuments.parse(
                  c.identityPolicies().stream().map(CrossCheckCase::json).toList(),
                  c.boundary() == null ? null : CrossCheckCase.json(c.boundary())));
    }
    return Evaluator.evaluate(documents, c.request());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Map<String, Object> policy) {
    return (List<Map<String, Object>>) policy.get("Statement");
  }

  private static Map<String, Object> copy(Map<String, Object> value) {
    return CrossCheckCase.JSON.convertValue(
        value, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  @Property(tries = 40)
  void aMatchingDenyAlwaysWinsAndIsNamed(@ForAll long seed) {
    for (CrossCheckCase c : cases(seed)) {
      Map<String, Object> policy = copy(c.bucketPolicy());
      Map<String, Object> deny = new LinkedHashMap<>();
      deny.put("Sid", "Stop");
      deny.put("Effect", "Deny");
      deny.put("Principal", "*");
      deny.put("Action", c.action());
      deny.put("Resource", c.resource());
      statements(policy).add(deny);

      Decision decision = judge(c, policy);
      assertThat(decision.outcome()).as("%s", c).isEqualTo(Outcome.EXPLICIT_DENY);
      assertThat(decision.statements()).contains(new StatementRef("bucket-policy", "Stop"));
    }
  }

  @Property(tries = 40)
  void anAllowMeansNoDenyApplies(@ForAll long seed) {
    for (CrossCheckCase c : cases(seed)) {
      if (judge(c, c.bucketPolicy()).outcome() != Outcome.ALLOW) {
        continue;
      }
      Map<String, Object> denyOnly = copy(c.bucketPolicy());
      statements(denyOnly).removeIf(s -> "Allow".equals(s.get("Effect")));
      // The identity side may still allow on its own; what must not appear is a Deny.
      assertThat(judge(c, denyOnly).outcome()).as("%s", c).isNotEqualTo(Outcome.EXPLICIT_DENY);
    }
  }

  @Property(tries = 40)
  void statementOrderDoesNotChangeTheDecision(@ForAll long seed) {
    for (CrossCheckCase c : cases(seed)) {
      // Named statements, so that the decision names them the same way in either order.
      Map<String, Object> named = copy(c.bucketPolicy());
      for (int i = 0; i < statements(named).size(); i++) {
        statements(named).get(i).put("Sid", "N" + i);
      }
      Map<String, Object> reversed = copy(named);
      Collections.reverse(statements(reversed));

      Decision original = judge(c, named);
      Decision shuffled = judge(c, reversed);
      assertThat(shuffled.outcome()).as("%s", c).isEqualTo(original.outcome());
      assertThat(new HashSet<>(shuffled.statements()))
          .isEqualTo(new HashSet<>(original.statements()));
    }
  }

  @Property(tries = 40)
  void singleStringsAndOneElementArraysMeanTheSame(@ForAll long seed) {
    for (CrossCheckCase c : cases(seed)) {
      Map<String, Object> arrays = copy(c.bucketPolicy());
      statements(arrays).forEach(EvaluatorPropertiesTest::wrapStrings);

      assertThat(judge(c, arrays)).as("%s", c).isEqualTo(judge(c, c.bucketPolicy()));
    }
  }

  @SuppressWarnings("unchecked")
  private static void wrapStrings(Map<String, Object> statement) {
    for (String element : List.of("Action", "NotAction", "Resource", "NotResource")) {
      if (statement.get(element) instanceof String value) {
        statement.put(element, new ArrayList<>(List.of(value)));
      }
    }
    for (String element : List.of("Principal", "NotPrincipal")) {
      if (statement.get(element) instanceof Map<?, ?> principal
          && principal.get("AWS") instanceof String value) {
        statement.put(element, Map.of("AWS", List.of(value)));
      }
    }
    if (statement.get("Condition") instanceof Map<?, ?> condition) {
      for (Object keys : condition.values()) {
        ((Map<String, Object>) keys)
            .replaceAll((key, value) -> value instanceof String s ? List.of(s) : value);
      }
    }
  }
}
