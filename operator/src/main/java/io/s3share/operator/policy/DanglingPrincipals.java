package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Recognises role principals that AWS replaced by the role's unique id ({@code AROA...}) in our own
 * statements, which it does when the role is deleted. Such a policy is not a foreign edit: it is
 * the policy we wrote, with a grant that no longer applies to anyone.
 */
public final class DanglingPrincipals {

  private static final Pattern ROLE_UNIQUE_ID = Pattern.compile("AROA[A-Z0-9]{12,}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

  private DanglingPrincipals() {}

  /**
   * Whether {@code actual} is {@code expected} with some role ARNs in our statements replaced by
   * unique ids. Foreign statements, even with an {@code AROA...} principal, must match as they are.
   *
   * @return the role ARNs that became unique ids (empty when the two mean the same), or empty
   *     Optional when the documents differ in any other way
   */
  public static Optional<Set<String>> between(String expected, String actual, SidNamespace ns) {
    BucketPolicyDocument want = BucketPolicyDocument.parse(expected);
    BucketPolicyDocument have = BucketPolicyDocument.parse(actual);
    Map<String, ObjectNode> ours = new HashMap<>();
    want.statements().stream()
        .filter(s -> BucketPolicyDocument.sidOf(s).map(ns::owns).orElse(false))
        .forEach(s -> ours.put(BucketPolicyDocument.sidOf(s).get(), s));
    Set<String> dangling = new TreeSet<>();
    List<ObjectNode> restored = new ArrayList<>();
    for (ObjectNode statement : have.statements()) {
      ObjectNode wanted =
          BucketPolicyDocument.sidOf(statement).filter(ns::owns).map(ours::get).orElse(null);
      restored.add(wanted == null ? statement : restore(statement, wanted, dangling));
    }
    boolean same =
        PolicyEquivalence.equivalent(want.toJsonNode(), have.withStatements(restored).toJsonNode());
    return same ? Optional.of(dangling) : Optional.empty();
  }

  /**
   * The statement with the wanted principals back when the only difference is role ARNs that became
   * unique ids, one for one; otherwise the statement as it is.
   */
  private static ObjectNode restore(ObjectNode actual, ObjectNode wanted, Set<String> dangling) {
    Set<String> have = principals(actual);
    Set<String> want = principals(wanted);
    Set<String> extra = new TreeSet<>(have);
    extra.removeAll(want);
    Set<String> missing = new TreeSet<>(want);
    missing.removeAll(have);
    if (extra.isEmpty()
        || extra.size() != missing.size()
        || !extra.stream().allMatch(p -> ROLE_UNIQUE_ID.matcher(p).matches())
        || !missing.stream().allMatch(p -> ROLE_ARN.matcher(p).matches())) {
      return actual;
    }
    dangling.addAll(missing);
    ObjectNode copy = actual.deepCopy();
    copy.set("Principal", wanted.get("Principal").deepCopy());
    return copy;
  }

  private static Set<String> principals(ObjectNode statement) {
    JsonNode aws = statement.path("Principal").path("AWS");
    Set<String> values = new TreeSet<>();
    if (aws.isTextual()) {
      values.add(aws.asText());
    } else {
      aws.forEach(value -> values.add(value.asText()));
    }
    return values;
  }
}
