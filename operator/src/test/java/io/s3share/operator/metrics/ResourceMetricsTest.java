package io.s3share.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.api.v1alpha1.BucketRef;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResourceMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<BucketShare> shares = new ArrayList<>();
  final List<CrossAccountRole> roles = new ArrayList<>();
  final ResourceMetrics metrics =
      new ResourceMetrics(
          registry,
          Map.<String, Supplier<Stream<? extends HasMetadata>>>of(
              "BucketShare", shares::stream, "CrossAccountRole", roles::stream));

  @Test
  void countsResourcesByTheStateTheirConditionsReport() {
    shares.add(share("a", condition("Ready", "True", "Granted")));
    shares.add(share("b", condition("Ready", "True", "Granted")));
    shares.add(
        share("c", condition("Ready", "False", "Denied"), condition("Stalled", "True", "Denied")));
    shares.add(share("d"));
    shares.get(3).setStatus(null);

    assertThat(resources("Ready")).isEqualTo(2);
    assertThat(resources("Stalled")).isEqualTo(1);
    assertThat(resources("Reconciling")).isZero();
    assertThat(resources("Unknown")).isEqualTo(1);
  }

  @Test
  void countsTheResourcesTheGuardrailsStallByKind() {
    shares.add(share("a", condition("Stalled", "True", "DeniedBySharingPolicy")));
    shares.add(share("b", condition("Stalled", "True", "SharedBucketRequired")));
    shares.add(share("c", condition("Stalled", "True", "PolicyTooLarge")));
    shares.add(share("d", condition("Stalled", "False", "DeniedBySharingPolicy")));
    CrossAccountRole role = new CrossAccountRole();
    role.getMetadata().setName("r");
    CrossAccountRoleStatus status = new CrossAccountRoleStatus();
    status.setConditions(
        new ArrayList<>(List.of(condition("Stalled", "True", "DeniedBySharingPolicy"))));
    role.setStatus(status);
    roles.add(role);

    assertThat(denied("BucketShare")).as("only Stalled=True, only guardrail reasons").isEqualTo(2);
    assertThat(denied("CrossAccountRole")).isEqualTo(1);

    shares.remove(0);
    assertThat(denied("BucketShare")).as("read again at each scrape").isEqualTo(1);
  }

  private double resources(String state) {
    return registry
        .get(ResourceMetrics.RESOURCES)
        .tag("kind", "BucketShare")
        .tag("state", state)
        .gauge()
        .value();
  }

  private double denied(String kind) {
    return registry.get(ResourceMetrics.DENIED).tag("kind", kind).gauge().value();
  }

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }

  private static BucketShare share(String name, Condition... conditions) {
    BucketShare share = new BucketShare();
    share.getMetadata().setName(name);
    BucketShareSpec spec = new BucketShareSpec();
    BucketRef ref = new BucketRef();
    ref.setName("bucket");
    ref.setAccountRef("owner");
    spec.setBucket(ref);
    share.setSpec(spec);
    BucketShareStatus status = new BucketShareStatus();
    status.setConditions(new ArrayList<>(List.of(conditions)));
    share.setStatus(status);
    return share;
  }
}
