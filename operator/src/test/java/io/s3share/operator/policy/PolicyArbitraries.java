package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for the policy properties: share intents, foreign statements, whole scenarios. */
final class PolicyArbitraries {

  static final List<String> ACCOUNTS =
      List.of("111111111111", "222222222222", "333333333333", "012345678901");

  private PolicyArbitraries() {}

  /** A bucket policy as found, and the desired state we merge into it. */
  record Scenario(
      SidNamespace ns,
      List<ObjectNode> foreign,
      List<ShareIntent> previous,
      List<ShareIntent> desired,
      boolean hasVersion,
      long seed) {

    List<ManagedStatement> desiredStatements() {
      return statements(ns, desired);
    }

    /** Foreign statements in order, with our previous statements shuffled in between. */
    Optional<String> currentPolicy() {
      List<ObjectNode> ours = new ArrayList<>();
      statements(ns, previous).forEach(s -> ours.add(s.toJson()));
      if (foreign.isEmpty() && ours.isEmpty() && seed % 3 == 0) {
        return Optional.empty();
      }
      Random random = new Random(seed);
      List<ObjectNode> all = new ArrayList<>(foreign);
      for (ObjectNode statement : ours) {
        all.add(random.nextInt(all.size() + 1), statement);
      }
      ObjectNode root = PolicyJson.MAPPER.createObjectNode();
      if (hasVersion) {
        root.put("Version", "2012-10-17");
      }
      if (all.size() == 1 && random.nextBoolean()) {
        root.set("Statement", all.get(0));
      } else {
        root.putArray("Statement").addAll(all);
      }
      return Optional.of(PolicyJson.write(root));
    }
  }

  static List<ManagedStatement> statements(SidNamespace ns, List<ShareIntent> intents) {
    return Compaction.compact(
        ns, intents.stream().flatMap(intent -> Grants.forShare(intent).stream()).toList());
  }

  static Arbitrary<SidNamespace> namespaces() {
    return Arbitraries.of("a", "ax", "prod", "x1").map(SidNamespace::new);
  }

  static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            namespaces(),
            foreignStatements().list().ofMaxSize(5),
            intents().list().ofMaxSize(2),
            intents().list().ofMaxSize(3),
            Arbitraries.of(true, false),
            Arbitraries.longs())
        .as(
            (ns, foreign, previous, desired, version, seed) ->
                new Scenario(ns, notOwnedBy(ns, foreign), previous, desired, version, seed));
  }

  // Mapping rather than filtering: cheaper than rejecting, and still keeps "a" vs "ax" cases.
  private static List<ObjectNode> notOwnedBy(SidNamespace ns, List<ObjectNode> statements) {
    return statements.stream()
        .filter(statement -> !BucketPolicyDocument.sidOf(statement).map(ns::owns).orElse(false))
        .toList();
  }

  static Arbitrary<Grantee> grantees() {
    return Arbitraries.oneOf(
        Arbitraries.of(ACCOUNTS).map(Grantee::account),
        Arbitraries.of(
                "arn:aws:iam::111111111111:role/reader", "arn:aws:iam::444444444444:role/a/b")
            .map(Grantee::role),
        Arbitraries.of("o-aaaaaaaaaa", "o-bbbbbbbbbb1234").map(Grantee::organization));
  }

  static Arbitrary<ShareIntent> intents() {
    return Combinators.combine(
            Arbitraries.of("data", "logs.example-1"),
            grantees().list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.of(AccessLevel.class),
            Arbitraries.subsetOf(ActionAllowList.names()).ofMaxSize(3),
            Arbitraries.subsetOf("a/", "b/c/", "reports/").ofMaxSize(2).map(List::copyOf),
            Arbitraries.of(true, false))
        .as(ShareIntent::new);
  }

  /** Statements someone else wrote: any shape and field order, Sids of other installations. */
  static Arbitrary<ObjectNode> foreignStatements() {
    Arbitrary<Optional<String>> sids =
        Arbitraries.oneOf(
            Arbitraries.just(Optional.<String>empty()),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(12)
                .map(Optional::of),
            Combinators.combine(namespaces(), Arbitraries.strings().ofMaxLength(5))
                .as((other, key) -> Optional.of(other.sidFor(key))),
            Arbitraries.just(Optional.of("S3ShareRetained0123456789abcdef")));
    return Combinators.combine(
            sids,
            Arbitraries.of("Allow", "Deny"),
            principals().optional(),
            stringOrArray(
                Arbitraries.of(
                    "s3:GetObject", "S3:getobject", "s3:*", "s3:ListBucket", "kms:Decrypt")),
            stringOrArray(Arbitraries.of("arn:aws:s3:::data", "arn:aws:s3:::data/*", "*")),
            conditions().optional(),
            Arbitraries.longs())
        .as(
            (sid, effect, principal, action, resource, condition, seed) -> {
              List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
              sid.ifPresent(s -> fields.add(Map.entry("Sid", TextNode.valueOf(s))));
              fields.add(Map.entry("Effect", TextNode.valueOf(effect)));
              principal.ifPresent(p -> fields.add(Map.entry("Principal", p)));
              fields.add(Map.entry(seed % 5 == 0 ? "NotAction" : "Action", action));
              fields.add(Map.entry("Resource", resource));
              condition.ifPresent(c -> fields.add(Map.entry("Condition", c)));
              Collections.shuffle(fields, new Random(seed));
              ObjectNode statement = PolicyJson.MAPPER.createObjectNode();
              fields.forEach(field -> statement.set(field.getKey(), field.getValue()));
              return statement;
            });
  }

  private static Arbitrary<JsonNode> principals() {
    Arbitrary<String> aws =
        Arbitraries.oneOf(
            Arbitraries.of(ACCOUNTS),
            Arbitraries.of(ACCOUNTS).map(id -> "arn:aws:iam::" + id + ":root"),
            Arbitraries.just("arn:aws:iam::111111111111:role/x"));
    return Arbitraries.oneOf(
        Arbitraries.just(TextNode.valueOf("*")),
        stringOrArray(aws).map(values -> object("AWS", values)),
        Arbitraries.just(object("Service", TextNode.valueOf("logging.s3.amazonaws.com"))));
  }

  private static Arbitrary<JsonNode> conditions() {
    return Arbitraries.oneOf(
        stringOrArray(Arbitraries.of("vpce-1", "vpce-2", "vpce-3"))
            .map(v -> object("StringEquals", object("aws:SourceVpce", v))),
        Arbitraries.just(object("Bool", object("aws:SecureTransport", TextNode.valueOf("false")))),
        Arbitraries.integers()
            .between(0, 1000)
            .map(
                n ->
                    object(
                        "NumericLessThan",
                        object("s3:max-keys", PolicyJson.MAPPER.getNodeFactory().numberNode(n)))));
  }

  private static Arbitrary<JsonNode> stringOrArray(Arbitrary<String> values) {
    return Arbitraries.oneOf(
        values.map(TextNode::valueOf),
        values.list().ofMinSize(1).ofMaxSize(3).map(list -> (JsonNode) PolicyJson.array(list)));
  }

  private static ObjectNode object(String field, JsonNode value) {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    node.set(field, value);
    return node;
  }
}
