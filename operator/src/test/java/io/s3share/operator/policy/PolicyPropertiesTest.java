package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.policy.PolicyArbitraries.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyPropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return PolicyArbitraries.scenarios();
  }

  @Provide
  Arbitrary<SidNamespace> namespaces() {
    return PolicyArbitraries.namespaces();
  }

  @Provide
  Arbitrary<List<ShareIntent>> intentLists() {
    return PolicyArbitraries.intents().list().ofMaxSize(4);
  }

  @Property(tries = 150)
  void mergeNeverLosesOrAltersForeignStatements(@ForAll("scenarios") Scenario scenario) {
    List<String> foreign = scenario.foreign().stream().map(PolicyJson::write).toList();
    List<ManagedStatement> desired = scenario.desiredStatements();

    MergeResult result = PolicyMerge.merge(scenario.currentPolicy(), desired, scenario.ns());

    assertThat(result.foreign()).extracting(PolicyJson::write).containsExactlyElementsOf(foreign);
    if (foreign.isEmpty() && desired.isEmpty()) {
      assertThat(result.document()).isEmpty();
      return;
    }
    List<String> expected = new ArrayList<>(foreign);
    desired.forEach(statement -> expected.add(PolicyJson.write(statement.toJson())));
    JsonNode merged = PolicyJson.read(result.document().orElseThrow());
    List<String> actual = new ArrayList<>();
    merged.get("Statement").forEach(statement -> actual.add(PolicyJson.write(statement)));
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(result.sizeBytes()).isEqualTo(PolicySize.minifiedBytes(merged));
  }

  @Property(tries = 150)
  void equivalenceIgnoresFormButNotMeaning(
      @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
    Random random = new Random(seed);
    JsonNode policy = PolicyJson.read(scenario.currentPolicy().orElse("{\"Statement\":[]}"));
    ObjectNode variant = PolicyVariants.reshape(policy, random);
    ObjectNode another = PolicyVariants.reshape(policy, random);

    // A separately parsed copy, and the same statements in reverse order: order is not meaning.
    JsonNode copy = PolicyJson.read(PolicyJson.write(policy));
    assertThat(copy).isNotSameAs(policy);
    assertThat(PolicyEquivalence.equivalent(policy, copy)).isTrue();
    assertThat(PolicyEquivalence.equivalent(policy, reversedStatements(policy))).isTrue();
    assertThat(PolicyEquivalence.equivalent(policy, variant)).isTrue();
    assertThat(PolicyEquivalence.equivalent(variant, policy)).isTrue();
    assertThat(PolicyEquivalence.equivalent(variant, another)).isTrue();
    assertThat(
            PolicyEquivalence.equivalentJson(PolicyJson.write(variant), PolicyJson.write(policy)))
        .isTrue();

    ObjectNode distorted = PolicyVariants.distort(policy, random);
    assertThat(PolicyEquivalence.equivalent(policy, distorted)).isFalse();
    assertThat(PolicyEquivalence.equivalent(distorted, variant)).isFalse();
  }

  @Property(tries = 150)
  void compactionThenExpansionGivesTheSameGrants(
      @ForAll("namespaces") SidNamespace ns,
      @ForAll("intentLists") List<ShareIntent> intents,
      @ForAll long seed) {
    List<Grant> grants = new ArrayList<>();
    intents.forEach(intent -> grants.addAll(Grants.forShare(intent)));

    List<ManagedStatement> statements = Compaction.compact(ns, grants);

    assertThat(Compaction.expand(statements)).isEqualTo(Set.copyOf(grants));
    assertThat(statements).extracting(ManagedStatement::sid).isSorted().doesNotHaveDuplicates();
    assertThat(statements).allSatisfy(s -> assertThat(ns.owns(s.sid())).isTrue());
    assertThat(statements).extracting(ManagedStatement::key).doesNotHaveDuplicates();
    Collections.shuffle(grants, new Random(seed));
    assertThat(Compaction.compact(ns, grants)).isEqualTo(statements);
  }

  @Property(tries = 150)
  void reapplyingTheSameDesiredStateIsANoOp(
      @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
    List<ManagedStatement> desired = scenario.desiredStatements();
    MergeResult first = PolicyMerge.merge(scenario.currentPolicy(), desired, scenario.ns());

    MergeResult again = PolicyMerge.merge(first.document(), desired, scenario.ns());

    assertThat(again.changed()).isFalse();
    assertThat(again.document()).isEqualTo(first.document());
    assertThat(again.sizeBytes()).isEqualTo(first.sizeBytes());

    // The same again when AWS hands the document back in another, equivalent form.
    Optional<String> asReturned =
        first
            .document()
            .map(
                json ->
                    PolicyJson.write(
                        PolicyVariants.reshape(PolicyJson.read(json), new Random(seed))));
    assertThat(PolicyMerge.merge(asReturned, desired, scenario.ns()).changed()).isFalse();
  }

  private static ObjectNode reversedStatements(JsonNode policy) {
    ObjectNode reversed = policy.deepCopy();
    if (policy.get("Statement") instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
      List<JsonNode> statements = new ArrayList<>();
      list.forEach(statements::add);
      Collections.reverse(statements);
      reversed.putArray("Statement").addAll(statements);
    }
    return reversed;
  }
}
