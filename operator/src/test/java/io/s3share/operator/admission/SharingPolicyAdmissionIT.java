package io.s3share.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's ValidatingAdmissionPolicy, applied from its plain manifest to the real API server,
 * refuses what no SharingPolicy allows at apply time, reading the SharingPolicyIndex the operator
 * keeps. Its bindings are narrowed to this class's namespace so other test classes are unaffected.
 */
@ExtendWith(MotoExtension.class)
class SharingPolicyAdmissionIT {

  static final Path MANIFEST =
      Path.of("..", "helm", "s3-share-operator", "files", "sharing-policy-admission.yaml");
  static final Path DENIED = Path.of("src", "test", "resources", "denied-by-sharing-policy");
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String ORG = "o-abcdefghij";
  static final String STRANGER = "999000000019";
  static final String POLICY = "admission-it-team-a";

  /** Selects the same namespace, for buckets methods-* only, so it changes no other test. */
  static final String METHODS_POLICY = "admission-it-methods";

  /** Selects the same namespace, for buckets expiring-* only, and limits how long they last. */
  static final String EXPIRY_POLICY = "admission-it-expiry";

  static final Map<String, String> TENANT = Map.of("admission-it/tenant", "team-a");

  static final OperatorUnderTest operator =
      OperatorUnderTest.createEnforcing("admission", Duration.ofSeconds(5));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static List<HasMetadata> admission;

  @BeforeAll
  static void admissionPolicyAndTenant(MotoServer moto) throws IOException {
    owner = OwnerAccount.create(operator.client, moto, "admission-owner", "999000000011");
    operator
        .client
        .namespaces()
        .withName(operator.namespace())
        .edit(
            ns -> {
              Map<String, String> labels = new HashMap<>(ns.getMetadata().getLabels());
              labels.putAll(TENANT);
              ns.getMetadata().setLabels(labels);
              return ns;
            });
    operator
        .client
        .resource(
            SharingPolicies.policy(
                POLICY,
                TENANT,
                owner.name,
                List.of("team-a-*"),
                List.of("999000000012"),
                List.of(ORG),
                Access.Read,
                List.of(SharingMethod.BucketPolicy, SharingMethod.CrossAccountRole)))
        .serverSideApply();
    // The operator publishes the policy for this namespace in the index the VAP reads.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              SharingPolicyIndex index =
                  operator
                      .client
                      .resources(SharingPolicyIndex.class)
                      .withName(SharingPolicyIndex.NAME)
                      .get();
              return index != null
                  && index.getSpec().getNamespaces().containsKey(operator.namespace());
            });
    owner.createBucket("team-a-data");
    // Created before admission applies, so the reconciler's own refusal can be compared.
    operator
        .client
        .resource(
            share(
                "stranger-before-admission",
                "team-a-data",
                Access.Read,
                Consumer.account(STRANGER)))
        .create();
    try (InputStream in = Files.newInputStream(MANIFEST)) {
      admission = operator.client.load(in).items();
    }
    for (HasMetadata item : admission) {
      if (item instanceof ValidatingAdmissionPolicyBinding binding) {
        narrowToThisNamespace(binding);
      }
      operator.client.resource(item).serverSideApply();
    }
  }

  @AfterAll
  static void removeAdmissionPolicy() {
    if (admission != null) {
      admission.forEach(item -> operator.client.resource(item).delete());
    }
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, SharingPolicy.class, METHODS_POLICY);
    ClusterScoped.remove(operator.client, SharingPolicy.class, EXPIRY_POLICY);
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void sharesNoPolicyAllowsAreRefusedAtApplyTime() throws IOException {
    // The corpus of denied manifests: each file's first line names the refusal's message.
    List<Path> denied = deniedCorpus();
    assertThat(denied).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : denied) {
      String text = Files.readString(file);
      String expected = text.lines().findFirst().orElseThrow().replace("# expect: ", "").trim();
      GenericKubernetesResource resource =
          Serialization.unmarshal(text, GenericKubernetesResource.class);
      resource.getMetadata().setNamespace(operator.namespace());
      // The API server loads each kind's admission policy and binding on its own schedule, so
      // wait for every manifest, with dry runs that create nothing if the policy is not there yet.
      await().atMost(WAIT).untilAsserted(() -> assertRefused(resource, expected));
    }

    // What a policy allows is admitted and granted.
    operator.client.resource(share("allowed", "team-a-data", Access.Read, org())).create();
    operator.client.resource(role("allowed-role", "team-a-data")).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        Shares.ready(
                            operator
                                .client
                                .resources(BucketShare.class)
                                .inNamespace(operator.namespace())
                                .withName("allowed")
                                .get()))
                    .isEqualTo("True/Granted"));
  }

  @Test
  void admissionAndReconcilerNameTheRefusedConsumerAlike() {
    String clause =
        "SharingPolicy " + POLICY + ": account " + STRANGER + " is not an allowed consumer";
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        Shares.condition(
                                operator
                                    .client
                                    .resources(BucketShare.class)
                                    .inNamespace(operator.namespace())
                                    .withName("stranger-before-admission")
                                    .get(),
                                "Stalled")
                            .map(c -> c.getReason() + ": " + c.getMessage()))
                    .hasValueSatisfying(
                        message ->
                            assertThat(message)
                                .startsWith("DeniedBySharingPolicy")
                                .contains(clause)));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () ->
                            operator
                                .client
                                .resource(
                                    share(
                                        "stranger-at-admission",
                                        "team-a-data",
                                        Access.Read,
                                        Consumer.account(STRANGER)))
                                .dryRun()
                                .create())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("DeniedBySharingPolicy")
                    .hasMessageContaining(clause));
  }

  @Test
  void accessPointNeedsItsMethodAndAutoNeedsBoth() {
    BucketShare accessPoint = share("via-access-point", "methods-data", Access.Read, org());
    accessPoint.getSpec().setVia(ShareVia.AccessPoint);
    BucketShare auto = share("via-auto", "methods-data", Access.Read, org());
    auto.getSpec().setVia(ShareVia.Auto);
    String autoRefused =
        "via Auto may grant through AccessPoint or BucketPolicy, so a SharingPolicy must allow"
            + " both methods";

    applyMethodsPolicy(SharingMethod.BucketPolicy);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertRefused(
                    accessPoint,
                    "method AccessPoint is allowed by none of the SharingPolicies selecting"
                        + " namespace "
                        + operator.namespace()));
    await().atMost(WAIT).untilAsserted(() -> assertRefused(auto, autoRefused));

    // AccessPoint alone admits an AccessPoint share. Auto stays refused: one policy allows
    // BucketPolicy and another AccessPoint, and methods are not combined across policies.
    applyMethodsPolicy(SharingMethod.AccessPoint);
    await().atMost(WAIT).untilAsserted(() -> assertAdmitted(accessPoint));
    await().atMost(WAIT).untilAsserted(() -> assertRefused(auto, autoRefused));

    applyMethodsPolicy(SharingMethod.BucketPolicy, SharingMethod.AccessPoint);
    await().atMost(WAIT).untilAsserted(() -> assertAdmitted(auto));
    await().atMost(WAIT).untilAsserted(() -> assertAdmitted(accessPoint));
  }

  @Test
  void aPolicyWithMaxDurationNeedsAnExpiryAtApplyTime() {
    SharingPolicy limited =
        SharingPolicies.policy(
            EXPIRY_POLICY,
            TENANT,
            owner.name,
            List.of("expiring-*"),
            List.of("999000000012"),
            List.of(ORG),
            Access.Read,
            List.of(SharingMethod.BucketPolicy, SharingMethod.CrossAccountRole));
    limited.getSpec().setMaxDuration("P30D");
    operator.client.resource(limited).serverSideApply();

    BucketShare share = share("unbounded", "expiring-data", Access.Read, org());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertRefused(
                    share,
                    "SharingPolicy "
                        + EXPIRY_POLICY
                        + ": maxDuration 30d), so it must set spec.expiresAt"));
    CrossAccountRole role = role("unbounded-role", "expiring-data");
    assertRefused(role, "SharingPolicy " + EXPIRY_POLICY + ": maxDuration 30d");

    // How far ahead is the reconciler's check; admission only needs an expiry to be there.
    OffsetDateTime nextWeek = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
    share.getSpec().setExpiresAt(nextWeek);
    role.getSpec().setExpiresAt(nextWeek);
    assertAdmitted(share);
    assertAdmitted(role);
    // A bucket no limited policy covers needs none.
    assertAdmitted(share("unlimited", "team-a-data", Access.Read, org()));
  }

  static void applyMethodsPolicy(SharingMethod... methods) {
    operator
        .client
        .resource(
            SharingPolicies.policy(
                METHODS_POLICY,
                TENANT,
                owner.name,
                List.of("methods-*"),
                List.of(),
                List.of(ORG),
                Access.Read,
                List.of(methods)))
        .serverSideApply();
  }

  /** A refusal is an assertion failure, so that a wait retries it while the index catches up. */
  static void assertAdmitted(HasMetadata resource) {
    assertThatCode(() -> operator.client.resource(resource).dryRun().create())
        .as("%s admitted", resource.getMetadata().getName())
        .doesNotThrowAnyException();
  }

  static List<Path> deniedCorpus() throws IOException {
    try (var files = Files.list(DENIED)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static void assertRefused(HasMetadata resource, String message) {
    assertThatThrownBy(() -> operator.client.resource(resource).dryRun().create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("DeniedBySharingPolicy")
        .hasMessageContaining(message);
  }

  static Consumer org() {
    return Consumer.organization(ORG);
  }

  static BucketShare share(String name, String bucket, Access access, Consumer consumer) {
    return Shares.share(
        operator.namespace(), name, owner.name, bucket, access, List.of(consumer), List.of());
  }

  static CrossAccountRole role(String name, String bucket) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(operator.namespace())
            .withName(name)
            .build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(owner.name);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account("999000000012")));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(bucket, Access.Read, List.of("reports/"))));
    role.setSpec(spec);
    return role;
  }

  static void narrowToThisNamespace(ValidatingAdmissionPolicyBinding binding) {
    binding
        .getSpec()
        .setMatchResources(
            new MatchResourcesBuilder()
                .withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", operator.namespace())
                .endNamespaceSelector()
                .build());
  }
}
