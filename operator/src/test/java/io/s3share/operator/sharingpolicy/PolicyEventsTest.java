package io.s3share.operator.sharingpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.testing.SharingPolicies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which SharingPolicies an event about a namespace, share or role concerns. */
class PolicyEventsTest {

  final PolicyEvents events = new PolicyEvents();

  /** Ten policies; p{i} selects namespaces labelled tenant=t{i}. */
  final List<SharingPolicy> policies =
      IntStream.range(0, 10).mapToObj(i -> policy("p" + i, Map.of("tenant", "t" + i))).toList();

  @Test
  void aRelabelledNamespaceConcernsThePolicyThatSelectedItAndTheOneThatSelectsItNow() {
    assertThat(events.ofNamespace(namespace("a", "1", "t0"), policies())).isEqualTo(ids("p0"));

    assertThat(events.ofNamespace(namespace("a", "2", "t5"), policies()))
        .isEqualTo(ids("p0", "p5"));
    // JOSDK may ask again about the same version: the previous labels are not lost.
    assertThat(events.ofNamespace(namespace("a", "2", "t5"), policies()))
        .isEqualTo(ids("p0", "p5"));

    // A later change that keeps the labels concerns only the policy selecting it now.
    assertThat(events.ofNamespace(namespace("a", "3", "t5"), policies())).isEqualTo(ids("p5"));
  }

  @Test
  void aNamespaceLosingItsLabelStillReachesThePolicyThatSelectedIt() {
    events.ofNamespace(namespace("a", "1", "t3"), policies());

    assertThat(events.ofNamespace(namespace("a", "2", null), policies())).isEqualTo(ids("p3"));
  }

  @Test
  void eachNamespaceHasItsOwnHistory() {
    events.ofNamespace(namespace("a", "1", "t1"), policies());
    events.ofNamespace(namespace("b", "7", "t2"), policies());

    assertThat(events.ofNamespace(namespace("b", "8", "t4"), policies()))
        .isEqualTo(ids("p2", "p4"));
    assertThat(events.ofNamespace(namespace("a", "9", "t1"), policies())).isEqualTo(ids("p1"));
  }

  @Test
  void aForgottenNamespaceStartsAfresh() {
    events.ofNamespace(namespace("a", "1", "t1"), policies());
    events.retainOnly(Set.of("b"));

    assertThat(events.ofNamespace(namespace("a", "2", "t2"), policies())).isEqualTo(ids("p2"));
  }

  @Test
  void aShareOrRoleConcernsOnlyThePoliciesSelectingItsNamespace() {
    assertThat(PolicyEvents.ofNamespaced(Optional.of(namespace("a", "1", "t7")), policies()))
        .isEqualTo(ids("p7"));
    assertThat(PolicyEvents.ofNamespaced(Optional.of(namespace("a", "1", "t99")), policies()))
        .isEmpty();
    // Its namespace's own event reaches the policies once the namespace is known.
    assertThat(PolicyEvents.ofNamespaced(Optional.empty(), policies())).isEmpty();
  }

  @Test
  void expressionsAreMatchedAsTheGuardrailMatchesThem() {
    SharingPolicy unlabelled =
        withSelector(
            "unlabelled",
            new LabelSelectorBuilder()
                .withMatchExpressions(
                    new LabelSelectorRequirementBuilder()
                        .withKey("tenant")
                        .withOperator("DoesNotExist")
                        .build())
                .build());
    SharingPolicy noSelector = withSelector("no-selector", null);

    assertThat(
            PolicyEvents.ofNamespaced(
                Optional.of(namespace("a", "1", null)), Stream.of(unlabelled, noSelector)))
        .isEqualTo(ids("unlabelled"));
  }

  private Stream<SharingPolicy> policies() {
    return policies.stream();
  }

  private static Set<ResourceID> ids(String... names) {
    return Stream.of(names).map(ResourceID::new).collect(java.util.stream.Collectors.toSet());
  }

  private static Namespace namespace(String name, String resourceVersion, String tenant) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withResourceVersion(resourceVersion)
        .withLabels(tenant == null ? Map.of("other", "x") : Map.of("tenant", tenant))
        .endMetadata()
        .build();
  }

  private static SharingPolicy policy(String name, Map<String, String> labels) {
    return SharingPolicies.policy(
        name,
        labels,
        "owner",
        List.of("team-*"),
        List.of("222222222222"),
        List.of(),
        Access.Read,
        List.of(SharingMethod.BucketPolicy));
  }

  private static SharingPolicy withSelector(
      String name, io.fabric8.kubernetes.api.model.LabelSelector selector) {
    SharingPolicy policy = policy(name, Map.of());
    policy.getSpec().setNamespaceSelector(selector);
    return policy;
  }
}
