package io.s3share.operator.sharingpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.testing.SharingPolicies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which shares or roles a SharingPolicy's event concerns. */
class PolicyScopesTest {

  final PolicyScopes scopes = new PolicyScopes();

  /** Namespace ns{i} is labelled tenant=t{i}; "bare" has no labels. */
  static Map<String, String> labels(String namespace) {
    return namespace.startsWith("ns") ? Map.of("tenant", "t" + namespace.substring(2)) : Map.of();
  }

  final List<BucketShare> shares =
      Stream.of("ns0", "ns1", "ns2", "bare")
          .flatMap(ns -> Stream.of(share(ns, "a"), share(ns, "b")))
          .toList();

  @Test
  void aPolicyConcernsTheResourcesInTheNamespacesItSelects() {
    assertThat(scopes.concerned(policy("p", "1", "t1"), shares.stream(), PolicyScopesTest::labels))
        .isEqualTo(ids("ns1/a", "ns1/b"));
  }

  @Test
  void aNarrowedSelectorStillReachesTheResourcesItNoLongerSelects() {
    scopes.concerned(policy("p", "1", "t1"), shares.stream(), PolicyScopesTest::labels);

    assertThat(scopes.concerned(policy("p", "2", "t2"), shares.stream(), PolicyScopesTest::labels))
        .isEqualTo(ids("ns1/a", "ns1/b", "ns2/a", "ns2/b"));
    // Asked again about the same version: the same answer.
    assertThat(scopes.concerned(policy("p", "2", "t2"), shares.stream(), PolicyScopesTest::labels))
        .isEqualTo(ids("ns1/a", "ns1/b", "ns2/a", "ns2/b"));
    // A later change that keeps the selector: only the namespaces selected now.
    assertThat(scopes.concerned(policy("p", "3", "t2"), shares.stream(), PolicyScopesTest::labels))
        .isEqualTo(ids("ns2/a", "ns2/b"));
  }

  @Test
  void aPolicyWithoutSpecConcernsEveryResource() {
    SharingPolicy broken = policy("p", "1", "t1");
    broken.setSpec(null);

    assertThat(scopes.concerned(broken, shares.stream(), PolicyScopesTest::labels))
        .hasSize(shares.size());
  }

  @Test
  void statusWritesDoNotConcernDecisions() {
    SharingPolicy before = policy("p", "1", "t1");
    SharingPolicy statusOnly = policy("p", "2", "t1");
    SharingPolicy edited = policy("p", "3", "t2");
    edited.getMetadata().setGeneration(2L);

    assertThat(SharingPolicyGuard.specOrDeletionChanged(statusOnly, before)).isFalse();
    assertThat(SharingPolicyGuard.specOrDeletionChanged(edited, statusOnly)).isTrue();
  }

  private static Set<ResourceID> ids(String... namespacedNames) {
    return Stream.of(namespacedNames)
        .map(n -> new ResourceID(n.split("/")[1], n.split("/")[0]))
        .collect(Collectors.toSet());
  }

  private static BucketShare share(String namespace, String name) {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return share;
  }

  private static SharingPolicy policy(String name, String resourceVersion, String tenant) {
    SharingPolicy policy =
        SharingPolicies.policy(
            name,
            Map.of("tenant", tenant),
            "owner",
            List.of("team-*"),
            List.of("222222222222"),
            List.of(),
            Access.Read,
            List.of(SharingMethod.BucketPolicy));
    policy.getMetadata().setResourceVersion(resourceVersion);
    policy.getMetadata().setGeneration(1L);
    return policy;
  }
}
