package io.s3share.operator.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the guardrail over small universes, so that allowed cases are common. */
class GuardrailPropertiesTest {

  static final Map<String, String> LABELS = Map.of("tenant", "a");
  static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333");
  static final List<String> ORGS = List.of("o-aaaaaaaaaa", "o-bbbbbbbbbb");
  static final List<String> BUCKETS = List.of("team-a-data", "team-a-raw.logs", "team-b-data");
  static final List<String> PATTERNS = List.of("team-a-*", "team-*-data", "team-b-data", "*");
  static final List<String> PREFIXES = List.of("reports/", "reports/2024/", "raw/");

  @Property(tries = 500)
  void narrowingAPolicyNeverAllowsMore(
      @ForAll("rules") Rule rule, @ForAll("requests") Request request, @ForAll long seed) {
    Rule narrower = narrow(rule, new java.util.Random(seed));
    if (Guardrail.violations(narrower, request).isEmpty()) {
      assertThat(Guardrail.violations(rule, request)).isEmpty();
    }
  }

  @Property(tries = 500)
  void addingAPolicyNeverDeniesAnAllowedShare(
      @ForAll("ruleLists") List<Rule> rules,
      @ForAll("rules") Rule added,
      @ForAll("requests") Request request) {
    List<Rule> more = new ArrayList<>(rules);
    more.add(added);
    if (Guardrail.decide(request, LABELS, rules).allowed()) {
      assertThat(Guardrail.decide(request, LABELS, more).allowed()).isTrue();
    }
  }

  @Property(tries = 300)
  void aDeniedRequestIsDeniedByEveryPolicyOnItsOwn(
      @ForAll("ruleLists") List<Rule> rules, @ForAll("requests") Request request) {
    Decision decision = Guardrail.decide(request, LABELS, rules);
    assertThat(decision.allowed())
        .isEqualTo(
            rules.stream()
                .anyMatch(
                    r ->
                        r.namespaces().matches(LABELS)
                            && Guardrail.violations(r, request).isEmpty()));
    if (!decision.allowed()) {
      assertThat(decision.message()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void aRequestThatMayUseMoreMethodsIsNeverAllowedMore(
      @ForAll("rules") Rule rule,
      @ForAll("requests") Request request,
      @ForAll SharingMethod added) {
    Set<SharingMethod> more = new HashSet<>(request.methods());
    more.add(added);
    Request wider =
        new Request(
            request.what(),
            request.namespace(),
            request.account(),
            more,
            request.parts(),
            request.principals(),
            request.requireTls(),
            request.externalIdRequired());
    if (Guardrail.violations(rule, wider).isEmpty()) {
      assertThat(Guardrail.violations(rule, request)).isEmpty();
    }
    // Adding CrossAccountRole also brings the rule's ExternalId requirement into play.
    boolean externalIdMissing =
        rule.requireExternalId()
            && more.contains(SharingMethod.CrossAccountRole)
            && !request.externalIdRequired();
    assertThat(Guardrail.violations(rule, wider).isEmpty())
        .isEqualTo(
            rule.methods().containsAll(more)
                && !externalIdMissing
                && Guardrail.violations(rule, request).stream()
                    .allMatch(
                        v ->
                            v.startsWith("method ")
                                || v.startsWith("via Auto ")
                                || v.startsWith("the trust policy must require an ExternalId")));
  }

  /** A policy that allows a subset of what {@code rule} allows, changed in one random way. */
  static Rule narrow(Rule r, java.util.Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> with(r, dropOne(r.accounts(), random), r.buckets(), r.prefixes(), r.maxAccess());
      case 1 -> with(r, r.accounts(), dropOne(r.buckets(), random), r.prefixes(), r.maxAccess());
      case 2 -> with(r, r.accounts(), r.buckets(), longer(r.prefixes()), r.maxAccess());
      case 3 -> with(r, r.accounts(), r.buckets(), r.prefixes(), lower(r.maxAccess()));
      case 4 ->
          new Rule(
              r.name(),
              r.namespaces(),
              r.accounts(),
              r.buckets(),
              r.prefixes(),
              dropOne(r.consumerAccounts(), random),
              dropOne(r.consumerOrganizations(), random),
              r.maxAccess(),
              dropOne(r.methods(), random),
              r.requireExternalId(),
              r.requireTls());
      case 5 ->
          new Rule(
              r.name(),
              r.namespaces(),
              r.accounts(),
              r.buckets(),
              r.prefixes(),
              r.consumerAccounts(),
              r.consumerOrganizations(),
              r.maxAccess(),
              r.methods(),
              true,
              true);
      default -> r;
    };
  }

  /** Longer allowed prefixes allow fewer keys; a first restriction narrows "everything". */
  private static Optional<List<String>> longer(Optional<List<String>> prefixes) {
    return Optional.of(
        prefixes
            .filter(p -> !p.isEmpty())
            .map(p -> p.stream().map(x -> x + "2024/").toList())
            .orElse(List.of("reports/2024/")));
  }

  private static Access lower(Access a) {
    return switch (a) {
      case ReadWrite -> Access.Read;
      case Read, List -> Access.List;
      case Write -> Access.Write; // List is not below Write: nothing narrower but none
    };
  }

  private static Rule with(
      Rule r,
      Set<String> accounts,
      List<BucketPattern> buckets,
      Optional<List<String>> prefixes,
      Access max) {
    // Restricting "no restriction" to one prefix, or an existing list to a longer one, narrows.
    return new Rule(
        r.name(),
        r.namespaces(),
        accounts,
        buckets,
        prefixes,
        r.consumerAccounts(),
        r.consumerOrganizations(),
        max,
        r.methods(),
        r.requireExternalId(),
        r.requireTls());
  }

  private static <T> Set<T> dropOne(Set<T> values, java.util.Random random) {
    return new HashSet<>(dropOne(new ArrayList<>(values), random));
  }

  private static <T> List<T> dropOne(List<T> values, java.util.Random random) {
    List<T> copy = new ArrayList<>(values);
    if (!copy.isEmpty()) {
      copy.remove(random.nextInt(copy.size()));
    }
    return copy;
  }

  @Provide
  Arbitrary<List<Rule>> ruleLists() {
    return rules().list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<Rule> rules() {
    return Builders.withBuilder(RuleParts::new)
        .use(Arbitraries.of("p1", "p2", "p3"))
        .in(
            (b, v) -> {
              b.name = v;
              return b;
            })
        .use(
            Arbitraries.of(
                Selector.everything(),
                new Selector(Map.of("tenant", "a"), List.of()),
                new Selector(Map.of("tenant", "b"), List.of())))
        .in(
            (b, v) -> {
              b.selector = v;
              return b;
            })
        .use(Arbitraries.of("owner", "other").set().ofMinSize(1))
        .in(
            (b, v) -> {
              b.accounts = v;
              return b;
            })
        .use(Arbitraries.of(PATTERNS).set().ofMinSize(1))
        .in(
            (b, v) -> {
              b.patterns = v;
              return b;
            })
        .use(Arbitraries.of(PREFIXES).list().ofMaxSize(2).injectNull(0.5))
        .in(
            (b, v) -> {
              b.prefixes = v;
              return b;
            })
        .use(Arbitraries.of(ACCOUNTS).set())
        .in(
            (b, v) -> {
              b.consumerAccounts = v;
              return b;
            })
        .use(Arbitraries.of(ORGS).set())
        .in(
            (b, v) -> {
              b.orgs = v;
              return b;
            })
        .use(Arbitraries.of(Access.class))
        .in(
            (b, v) -> {
              b.max = v;
              return b;
            })
        .use(Arbitraries.of(SharingMethod.class).set().ofMinSize(1))
        .in(
            (b, v) -> {
              b.methods = v;
              return b;
            })
        .use(Arbitraries.of(true, false))
        .in(
            (b, v) -> {
              b.externalId = v;
              return b;
            })
        .use(Arbitraries.of(true, false))
        .in(
            (b, v) -> {
              b.tls = v;
              return b;
            })
        .build(RuleParts::rule);
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<Request.Part> parts =
        Combinators.combine(
                Arbitraries.of(BUCKETS),
                Arbitraries.of(PREFIXES).set().ofMaxSize(2).map(List::copyOf),
                Arbitraries.of(Access.class))
            .as(Request.Part::new);
    Arbitrary<Request.Principal> principals =
        Arbitraries.oneOf(
            Arbitraries.of(ACCOUNTS).map(Request.Principal::account),
            Arbitraries.of(ORGS).map(Request.Principal::organization),
            Arbitraries.of(ACCOUNTS)
                .map(a -> Request.Principal.role("arn:aws:iam::" + a + ":role/r")));
    return Combinators.combine(
            Arbitraries.of("owner", "other"),
            Arbitraries.of(SharingMethod.class).set().ofMinSize(1).ofMaxSize(2),
            parts.list().ofMinSize(1).ofMaxSize(2),
            principals.list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (account, methods, p, who, tls, id) ->
                new Request("X ns/x", "ns", account, methods, p, who, tls, id));
  }

  /** Mutable parts for jqwik's builder. */
  static final class RuleParts {
    String name;
    Selector selector;
    Set<String> accounts;
    Set<String> patterns;
    List<String> prefixes;
    Set<String> consumerAccounts;
    Set<String> orgs;
    Access max;
    Set<SharingMethod> methods;
    boolean externalId;
    boolean tls;

    Rule rule() {
      return new Rule(
          name,
          selector,
          accounts,
          patterns.stream().map(BucketPattern::new).toList(),
          Optional.ofNullable(prefixes),
          consumerAccounts,
          orgs,
          max,
          methods,
          externalId,
          tls);
    }
  }
}
