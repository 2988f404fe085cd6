package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The key-policy plan keeps what is not ours, converges in one write, and never widens. */
class KeyPlannerPropertiesTest {

  static final SidNamespace NS = new SidNamespace("kmsprops");
  // Reads numbers as written (1.50 stays 1.50), as the operator's own policy reader does.
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  static final KeyPlanner PLANNER = new KeyPlanner(NS);

  /** Statements others write to key policies, as they wrote them (spacing and forms kept). */
  static final List<String> FOREIGN =
      List.of(
          "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
              + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}",
          "{\"Sid\":\"Allow access for Key Administrators\",\"Effect\":\"Allow\",\"Principal\":"
              + "{\"AWS\":[\"arn:aws:iam::111122223333:role/KeyAdmin\"]},\"Action\":"
              + "[\"kms:Create*\",\"kms:Describe*\",\"kms:Put*\"],\"Resource\":\"*\"}",
          "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logs.amazonaws.com\"},"
              + "\"Action\":[\"kms:Encrypt*\",\"kms:Decrypt*\"],\"Resource\":\"*\",\"Condition\":"
              + "{\"ArnLike\":{\"kms:EncryptionContext:aws:logs:arn\":\"arn:aws:logs:*\"}}}",
          "{\"Sid\":\"DenyOutsideOrg\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":"
              + "\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
              + "{\"aws:PrincipalOrgID\":\"o-abcdef1234\"},\"Bool\":{\"aws:PrincipalIsAWSService\":"
              + "\"false\"},\"Number\":{\"n\":1.50}}}");

  record Scenario(List<String> foreign, List<KeyPlanner.KeyShare> shares) {
    Optional<String> current() {
      return Optional.of(
          "{\"Version\":\"2012-10-17\",\"Id\":\"key-consolepolicy-3\",\"Statement\":["
              + String.join(",", foreign)
              + "]}");
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<String>> foreign =
        Arbitraries.of(FOREIGN).list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    return Combinators.combine(
            foreign, shares().list().ofMaxSize(6).uniqueElements(KeyPlanner.KeyShare::id))
        .as(Scenario::new);
  }

  static Arbitrary<KeyPlanner.KeyShare> shares() {
    Arbitrary<Grantee> grantee =
        Arbitraries.oneOf(
            Arbitraries.of("222233334444", "555566667777", "888899990000").map(Grantee::account),
            Arbitraries.of("reader", "writer")
                .map(role -> Grantee.role("arn:aws:iam::222233334444:role/" + role)),
            Arbitraries.just(Grantee.organization("o-abcdef1234")));
    Arbitrary<AccessLevel> access = Arbitraries.of(AccessLevel.class);
    Arbitrary<List<String>> prefixes =
        Arbitraries.of("reports/", "raw/", "in/").list().ofMaxSize(2).uniqueElements();
    Arbitrary<Boolean> bucketKeys = Arbitraries.of(true, false);
    Arbitrary<String> bucket = Arbitraries.of("data", "logs");
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofLength(6),
            grantee.list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
            access,
            prefixes,
            bucketKeys,
            bucket)
        .as(
            (name, grantees, level, paths, keys, on) ->
                new KeyPlanner.KeyShare(
                    "team/" + name,
                    "uid-" + name,
                    "2026-01-01T00:00:00Z",
                    new ShareIntent(on, grantees, level, Set.of(), paths, true),
                    new KeyGrants.KeyScope(on, "eu-west-1", keys),
                    false));
  }

  static BudgetedMerge.Plan plan(Optional<String> current, List<KeyPlanner.KeyShare> shares) {
    return PLANNER.planner(() -> shares, Optional.empty()).plan(current, Set.of());
  }

  static List<JsonNode> statements(String policy) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(policy).get("Statement").forEach(all::add);
    return all;
  }

  @Property(tries = 200)
  void foreignStatementsAreKeptExactlyAndInTheirOrder(@ForAll("scenarios") Scenario scenario)
      throws Exception {
    BudgetedMerge.Plan plan = plan(scenario.current(), scenario.shares());

    List<JsonNode> kept =
        statements(plan.merge().document().orElseThrow()).stream()
            .filter(s -> !NS.owns(s.path("Sid").asText(null)))
            .toList();
    List<JsonNode> original = new ArrayList<>();
    for (String foreign : scenario.foreign()) {
      original.add(JSON.readTree(foreign));
    }
    assertThat(kept).containsExactlyElementsOf(original);
    assertThat(kept.stream().map(JsonNode::toString).toList())
        .containsExactlyElementsOf(scenario.foreign());
    assertThat(JSON.readTree(plan.merge().document().get()).get("Id").asText())
        .isEqualTo("key-consolepolicy-3");
  }

  @Property(tries = 200)
  void planningAgainOnWhatWasWrittenChangesNothing(@ForAll("scenarios") Scenario scenario) {
    BudgetedMerge.Plan first = plan(scenario.current(), scenario.shares());

    BudgetedMerge.Plan second = plan(first.merge().document(), scenario.shares());

    assertThat(second.merge().changed()).isFalse();
    assertThat(second.merge().document()).isEqualTo(first.merge().document());
  }

  @Property(tries = 200)
  void compactionGrantsExactlyWhatTheSharesAskForAndNoMore(@ForAll("scenarios") Scenario scenario) {
    Set<Grant> asked =
        scenario.shares().stream()
            .flatMap(share -> KeyGrants.forShare(share.intent(), share.scope()).stream())
            .collect(Collectors.toSet());

    Set<Grant> written = Compaction.expand(Compaction.compact(NS, asked));

    assertThat(written).isEqualTo(asked);
    for (Grant grant : written) {
      assertThat(grant.actions()).isSubsetOf("kms:Decrypt", "kms:GenerateDataKey");
      assertThat(grant.resources()).containsExactly("*");
      assertThat(grant.conditions().toJson().toString())
          .contains("kms:ViaService")
          .contains("kms:EncryptionContext:aws:s3:arn");
    }
  }

  @Property(tries = 100)
  void aPolicyNeverPassesTheBudgetAndEveryShareIsAdmittedOrRejected(
      @ForAll("scenarios") Scenario scenario, @ForAll("paddings") int padding) {
    String pad =
        "{\"Sid\":\"Pad\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/p\":\""
            + "p".repeat(padding)
            + "\"}}}";
    List<String> foreign = new ArrayList<>(scenario.foreign());
    foreign.add(pad);
    Scenario padded = new Scenario(foreign, scenario.shares());

    BudgetedMerge.Plan plan = plan(padded.current(), padded.shares());

    if (plan(padded.current(), List.of()).merge().exceeds(KeyGrants.KEY_POLICY_LIMIT_BYTES)) {
      // Others' statements alone pass the limit: no share of ours is admitted on top.
      assertThat(plan.admitted()).isEmpty();
    } else {
      assertThat(plan.merge().sizeBytes()).isLessThanOrEqualTo(KeyGrants.KEY_POLICY_LIMIT_BYTES);
    }
    Set<String> all = new HashSet<>();
    plan.admitted().forEach(share -> all.add(share.shareId()));
    all.addAll(plan.rejected());
    Set<String> withGrants =
        padded.shares().stream()
            .filter(share -> !KeyGrants.forShare(share.intent(), share.scope()).isEmpty())
            .map(KeyPlanner.KeyShare::id)
            .collect(Collectors.toSet());
    assertThat(all).isEqualTo(withGrants);
  }

  @Provide
  Arbitrary<Integer> paddings() {
    return Arbitraries.integers().between(30_000, 32_000);
  }
}
