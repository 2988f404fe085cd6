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
import io.s3share.operator.api.v1alpha1.PolicySizeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResourceMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<BucketShare> shares = new ArrayList<>();
  final ResourceMetrics metrics =
      new ResourceMetrics(
          registry,
          Map.<String, Supplier<Stream<? extends HasMetadata>>>of("BucketShare", shares::stream));

  @Test
  void countsResourcesByTheStateTheirConditionsReport() {
    shares.add(share("a", "bucket-1", 100, condition("Ready", "True")));
    shares.add(share("b", "bucket-1", 100, condition("Ready", "True")));
    shares.add(
        share("c", "bucket-2", 300, condition("Ready", "False"), condition("Stalled", "True")));
    shares.add(share("d", "bucket-2", null));

    assertThat(resources("Ready")).isEqualTo(2);
    assertThat(resources("Stalled")).isEqualTo(1);
    assertThat(resources("Reconciling")).isZero();
    assertThat(resources("Unknown")).isEqualTo(1);
  }

  @Test
  void reportsEachBucketsPolicySizeOnceAgainstItsLimit() {
    shares.add(share("a", "bucket-1", 100, condition("Ready", "True")));
    shares.add(share("b", "bucket-1", 120, condition("Ready", "True")));
    shares.add(share("c", "bucket-2", 300, condition("Ready", "True")));

    metrics.refresh();

    assertThat(registry.find(ResourceMetrics.POLICY_BYTES).tag("bucket", "bucket-1").gauges())
        .singleElement()
        .satisfies(g -> assertThat(g.value()).isEqualTo(120));
    assertThat(registry.get(ResourceMetrics.POLICY_BYTES).tag("bucket", "bucket-2").gauge().value())
        .isEqualTo(300);
    assertThat(
            registry
                .get(ResourceMetrics.POLICY_LIMIT_BYTES)
                .tag("bucket", "bucket-2")
                .gauge()
                .value())
        .isEqualTo(20480);

    shares.removeIf(s -> s.getSpec().getBucket().getName().equals("bucket-2"));
    metrics.refresh();
    assertThat(registry.find(ResourceMetrics.POLICY_BYTES).tag("bucket", "bucket-2").gauges())
        .isEmpty();
  }

  private double resources(String state) {
    return registry
        .get(ResourceMetrics.RESOURCES)
        .tag("kind", "BucketShare")
        .tag("state", state)
        .gauge()
        .value();
  }

  private static Condition condition(String type, String status) {
    return new ConditionBuilder().withType(type).withStatus(status).build();
  }

  private static BucketShare share(
      String name, String bucket, Integer bytes, Condition... conditions) {
    BucketShare share = new BucketShare();
    share.getMetadata().setName(name);
    BucketShareSpec spec = new BucketShareSpec();
    BucketRef ref = new BucketRef();
    ref.setName(bucket);
    ref.setAccountRef("owner");
    spec.setBucket(ref);
    share.setSpec(spec);
    if (bytes != null) {
      BucketShareStatus status = new BucketShareStatus();
      status.setConditions(new ArrayList<>(List.of(conditions)));
      status.setBucketPolicy(new PolicySizeStatus(bytes, 20480));
      share.setStatus(status);
    }
    return share;
  }
}
