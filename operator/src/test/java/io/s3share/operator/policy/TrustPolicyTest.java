package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {

  static final String ACCOUNT_B = "222222222222";
  static final String READER = "arn:aws:iam::444444444444:role/reader";

  @Test
  void accountPrincipalMustPresentTheExternalId() {
    TrustPolicy trust =
        new TrustPolicy(new TreeSet<>(Set.of(Grantee.account(ACCOUNT_B))), Optional.of("ext-id-1"));

    assertThat(trust.toJsonNode())
        .isEqualTo(
            PolicyJson.read(
                """
                {"Version":"2012-10-17","Statement":[{"Sid":"TrustedPrincipals","Effect":"Allow",
                 "Principal":{"AWS":["arn:aws:iam::222222222222:root"]},
                 "Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"sts:ExternalId":["ext-id-1"]}}}]}"""));
    assertThat(trust.chars()).isEqualTo(trust.toJson().length());
  }

  @Test
  void organizationsGetStarNarrowedByPrincipalOrgIdInTheirOwnStatement() {
    TrustPolicy trust =
        new TrustPolicy(
            new TreeSet<>(
                Set.of(
                    Grantee.organization("o-abcd123456"),
                    Grantee.role(READER),
                    Grantee.account(ACCOUNT_B))),
            Optional.of("ext-id-1"));

    assertThat(trust.toJsonNode())
        .isEqualTo(
            PolicyJson.read(
                """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"TrustedPrincipals","Effect":"Allow",
                  "Principal":{"AWS":["arn:aws:iam::222222222222:root",
                                      "arn:aws:iam::444444444444:role/reader"]},
                  "Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"sts:ExternalId":["ext-id-1"]}}},
                 {"Sid":"TrustedOrganizations","Effect":"Allow","Principal":{"AWS":"*"},
                  "Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-abcd123456"],
                                               "sts:ExternalId":["ext-id-1"]}}}]}"""));
  }

  @Test
  void organizationOnlyWithoutExternalIdAsksOnlyForTheOrganization() {
    TrustPolicy trust =
        new TrustPolicy(
            new TreeSet<>(Set.of(Grantee.organization("o-abcd123456"))), Optional.empty());

    assertThat(trust.toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TrustedOrganizations\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"o-abcd123456\"]}}}]}");
  }

  @Test
  void refusesNoPrincipalsAndMalformedExternalIds() {
    assertThatThrownBy(() -> new TrustPolicy(new TreeSet<>(), Optional.of("ext-id-1")))
        .isInstanceOf(InvalidShareException.class);
    var principals = new TreeSet<Grantee>(Set.of(Grantee.account(ACCOUNT_B)));
    for (String bad : List.of("x", "has space", "quote\"", "a".repeat(1225))) {
      assertThatThrownBy(() -> new TrustPolicy(principals, Optional.of(bad)))
          .as(bad)
          .isInstanceOf(InvalidShareException.class);
    }
    assertThat(new TrustPolicy(principals, Optional.of("a".repeat(1224))).externalId()).isPresent();
  }

  @Provide
  Arbitrary<TrustPolicy> trustPolicies() {
    Arbitrary<Grantee> grantee =
        Arbitraries.oneOf(
            Arbitraries.strings().numeric().ofLength(12).map(Grantee::account),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(20)
                .map(name -> Grantee.role("arn:aws:iam::555555555555:role/" + name)),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .ofMinLength(10)
                .ofMaxLength(12)
                .map(id -> Grantee.organization("o-" + id)));
    Arbitrary<Optional<String>> externalId =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars("+=,.@:/-_")
            .ofMinLength(2)
            .ofMaxLength(64)
            .optional();
    return net.jqwik.api.Combinators.combine(grantee.set().ofMinSize(1).ofMaxSize(6), externalId)
        .as((principals, id) -> new TrustPolicy(new TreeSet<>(principals), id));
  }

  @Property(tries = 200)
  void neverTrustsABareStarAndAlwaysAsksForTheExternalId(
      @ForAll("trustPolicies") TrustPolicy trust) {
    for (JsonNode statement : trust.toJsonNode().get("Statement")) {
      assertThat(statement.get("Action").asText()).isEqualTo("sts:AssumeRole");
      JsonNode principal = statement.get("Principal");
      assertThat(principal.isObject()).as("Principal is never the bare string *").isTrue();
      assertThat(principal.fieldNames()).toIterable().containsExactly("AWS");
      if (PolicyJson.texts(principal.get("AWS")).contains("*")) {
        assertThat(principal.get("AWS").asText()).isEqualTo("*");
        assertThat(statement.at("/Condition/StringEquals/aws:PrincipalOrgID").isArray()).isTrue();
      }
      trust
          .externalId()
          .ifPresent(
              id ->
                  assertThat(
                          PolicyJson.texts(statement.at("/Condition/StringEquals/sts:ExternalId")))
                      .containsExactly(id));
    }
    assertThat(trust.chars()).isEqualTo(PolicySize.minifiedChars(trust.toJsonNode()));
  }

  @Property(tries = 200)
  void iamsUrlEncodedReshapedCopyMeansTheSameAndAnotherExternalIdDoesNot(
      @ForAll("trustPolicies") TrustPolicy trust, @ForAll long seed) {
    String asIamReturnsIt =
        URLEncoder.encode(
                PolicyJson.write(PolicyVariants.reshape(trust.toJsonNode(), new Random(seed))),
                StandardCharsets.UTF_8)
            .replace("+", "%20");

    assertThat(PolicyEquivalence.equivalentJson(asIamReturnsIt, trust.toJson())).isTrue();

    TrustPolicy otherId = new TrustPolicy(trust.principals(), Optional.of("another-id"));
    if (!otherId.externalId().equals(trust.externalId())) {
      assertThat(PolicyEquivalence.equivalentJson(asIamReturnsIt, otherId.toJson())).isFalse();
    }
  }
}
