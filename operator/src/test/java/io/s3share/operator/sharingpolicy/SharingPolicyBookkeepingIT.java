package io.s3share.operator.sharingpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndex;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndexEntry;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SharingPolicy bookkeeping on a real API server: ten policies, each selecting its own namespace
 * label, and five labelled namespaces of ten shares each (the operator under test reconciles the
 * shares of its own namespace, tenant 0; SharingPolicies count those of every namespace).
 * Relabelling one namespace concerns the policy that selected it and the one that selects it now;
 * the others have nothing to re-count.
 */
@ExtendWith(MotoExtension.class)
class SharingPolicyBookkeepingIT {

  private static final Logger log = LoggerFactory.getLogger(SharingPolicyBookkeepingIT.class);

  static final String INSTALLATION = "bookkeeping";
  // Long: shares are re-checked by their events here, not by the timer.
  static final Duration RESYNC = Duration.ofMinutes(5);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String LABEL = "bookkeeping-it/tenant";
  static final String BUCKET = "bookkeeping-data";
  static final int POLICIES = 10;
  static final int NAMESPACES = 5;
  static final int SHARES_PER_NAMESPACE = 10;

  static final OperatorUnderTest operator = OperatorUnderTest.createEnforcing(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "bookkeeping-owner", "999000000041");
    owner.createBucket(BUCKET);
  }

  @AfterAll
  static void close() {
    IntStream.range(0, NAMESPACES)
        .forEach(n -> operator.client.resources(BucketShare.class).inNamespace(tenant(n)).delete());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        IntStream.range(0, NAMESPACES)
                            .mapToObj(
                                n ->
                                    operator
                                        .client
                                        .resources(BucketShare.class)
                                        .inNamespace(tenant(n))
                                        .list()
                                        .getItems())
                            .flatMap(List::stream)
                            .toList())
                    .as("BucketShares left")
                    .isEmpty());
    ClusterScoped.remove(
        operator.client,
        SharingPolicy.class,
        IntStream.range(0, POLICIES).mapToObj(SharingPolicyBookkeepingIT::policyName).toList());
    ClusterScoped.remove(operator.client, SharingPolicyIndex.class, SharingPolicyIndex.NAME);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    // A bare API server never finishes deleting a namespace: ask, do not wait.
    IntStream.range(1, NAMESPACES)
        .forEach(n -> operator.client.namespaces().withName(tenant(n)).delete());
    owner.close();
  }

  @Test
  void relabellingOneNamespaceReconcilesOnlyThePoliciesThatSelectedItOrSelectItNow() {
    IntStream.range(0, POLICIES)
        .forEach(i -> operator.client.resource(policy(i)).serverSideApply());
    IntStream.range(0, NAMESPACES).forEach(n -> label(n, "t" + n));
    for (int n = 0; n < NAMESPACES; n++) {
      for (int s = 0; s < SHARES_PER_NAMESPACE; s++) {
        operator.client.resource(share(n, s)).serverSideApply();
      }
    }
    // The operator reconciles shares in its own namespace only, tenant 0: all denied (their bucket
    // matches no policy), so none of them writes to AWS.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(tenant(0))
                            .list()
                            .getItems())
                    .hasSize(SHARES_PER_NAMESPACE)
                    .allSatisfy(
                        share ->
                            assertThat(Shares.ready(share))
                                .isEqualTo("False/DeniedBySharingPolicy")));
    awaitSelected(0, 1);
    awaitSelected(5, 0);
    awaitIndexed(0, policyName(0));
    awaitQuiet();

    double reconciles = counter(SharingPolicyMetrics.RECONCILES);
    double indexWrites = counter(SharingPolicyMetrics.INDEX_WRITES);
    // p0 selected t0; p5 selects it from now on.
    label(0, "t5");
    awaitSelected(0, 0);
    awaitSelected(5, 1);
    awaitIndexed(0, policyName(5));
    awaitQuiet();

    log.info(
        "Relabelling one namespace caused {} SharingPolicy reconcile(s) and {} index write(s)",
        counter(SharingPolicyMetrics.RECONCILES) - reconciles,
        counter(SharingPolicyMetrics.INDEX_WRITES) - indexWrites);
    assertThat(counter(SharingPolicyMetrics.RECONCILES) - reconciles)
        .as("SharingPolicy reconciles caused by relabelling one namespace (2 policies concerned)")
        .isLessThanOrEqualTo(4);
    assertThat(counter(SharingPolicyMetrics.INDEX_WRITES) - indexWrites)
        .as("admission index writes caused by relabelling one namespace")
        .isLessThanOrEqualTo(2);
  }

  @Test
  void editingAPolicyRechecksOnlyTheSharesInTheNamespacesItSelects() {
    IntStream.range(0, POLICIES)
        .forEach(i -> operator.client.resource(policy(i)).serverSideApply());
    label(0, "t0");
    label(3, "t3");
    for (int s = 0; s < SHARES_PER_NAMESPACE; s++) {
      operator.client.resource(share(0, s)).serverSideApply();
    }
    awaitSelected(3, 1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .client
                            .resources(BucketShare.class)
                            .inNamespace(tenant(0))
                            .list()
                            .getItems())
                    .hasSize(SHARES_PER_NAMESPACE)
                    .allSatisfy(
                        share ->
                            assertThat(Shares.ready(share))
                                .isEqualTo("False/DeniedBySharingPolicy")));
    awaitQuiet();
    operator.calls.reset();

    // p3 selects tenant 3 only: the shares of tenant 0 have nothing to re-check.
    SharingPolicy narrowed = policy(3);
    narrowed.getSpec().setMaxAccess(Access.List);
    operator.client.resource(narrowed).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharingPolicy p =
                  operator.client.resources(SharingPolicy.class).withName(policyName(3)).get();
              assertThat(p.getStatus()).isNotNull();
              assertThat(p.getStatus().getObservedGeneration())
                  .isEqualTo(p.getMetadata().getGeneration());
            });
    awaitQuiet();

    log.info(
        "Editing a policy that selects none of them caused AWS calls {}", operator.calls.counts());
    assertThat(operator.calls.count("GetBucketPolicy"))
        .as("bucket policy reads by shares that the edited policy does not select")
        .isZero();
  }

  /** Waits until policy {@code i} reports {@code count} selected namespace(s). */
  static void awaitSelected(int i, int count) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharingPolicy p =
                  operator.client.resources(SharingPolicy.class).withName(policyName(i)).get();
              // Its reconciler may not have written any status yet.
              assertThat(p.getStatus()).isNotNull();
              assertThat(p.getStatus().getNamespaces()).isEqualTo(count);
            });
  }

  /**
   * Waits until the admission index names exactly {@code policy} for tenant namespace {@code n}.
   */
  static void awaitIndexed(int n, String policy) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharingPolicyIndex index =
                  operator
                      .client
                      .resources(SharingPolicyIndex.class)
                      .withName(SharingPolicyIndex.NAME)
                      .get();
              assertThat(index).isNotNull();
              assertThat(index.getSpec().getNamespaces().getOrDefault(tenant(n), List.of()))
                  .extracting(SharingPolicyIndexEntry::getPolicy)
                  .containsExactly(policy);
            });
  }

  /** Waits until no SharingPolicy was reconciled and no AWS call made for a few seconds. */
  static void awaitQuiet() {
    AtomicReference<String> last = new AtomicReference<>("");
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .during(Duration.ofSeconds(4))
        .until(
            () -> {
              String now = counter(SharingPolicyMetrics.RECONCILES) + "/" + operator.calls.total();
              return last.getAndSet(now).equals(now);
            });
  }

  static double counter(String name) {
    return operator.metrics.counter(name).count();
  }

  static String policyName(int i) {
    return "bookkeeping-it-p" + i;
  }

  /** Tenant 0 is the namespace whose shares the operator reconciles; the others are extra. */
  static String tenant(int n) {
    return n == 0 ? operator.namespace() : operator.namespace() + "-t" + n;
  }

  static SharingPolicy policy(int i) {
    return SharingPolicies.policy(
        policyName(i),
        Map.of(LABEL, "t" + i),
        owner.name,
        List.of("bookkeeping-allowed-*"),
        List.of("999000000042"),
        List.of(),
        Access.Read,
        List.of(SharingMethod.BucketPolicy));
  }

  /** Creates tenant namespace {@code n} if needed, and sets its tenant label to {@code value}. */
  static void label(int n, String value) {
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(tenant(n))
            .withLabels(Map.of(LABEL, value))
            .endMetadata()
            .build();
    operator.client.resource(ns).serverSideApply();
  }

  static BucketShare share(int n, int s) {
    return Shares.share(
        tenant(n),
        "share-" + s,
        owner.name,
        BUCKET,
        Access.Read,
        List.of(Consumer.account("999000000042")),
        List.of());
  }
}
