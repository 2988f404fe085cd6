package io.s3share.operator.testing;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AllowedConsumers;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicySpec;
import java.util.List;
import java.util.Map;

/** Builds SharingPolicy resources, for tests. */
public final class SharingPolicies {

  private SharingPolicies() {}

  public static SharingPolicy policy(
      String name,
      Map<String, String> namespaceLabels,
      String accountRef,
      List<String> buckets,
      List<String> consumerAccounts,
      List<String> consumerOrganizations,
      Access maxAccess,
      List<SharingMethod> methods) {
    SharingPolicy policy = new SharingPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SharingPolicySpec spec = new SharingPolicySpec();
    spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(namespaceLabels).build());
    spec.setAccounts(List.of(accountRef));
    spec.setBuckets(buckets);
    AllowedConsumers consumers = new AllowedConsumers();
    consumers.setAccountIds(consumerAccounts);
    consumers.setOrganizationIds(consumerOrganizations);
    spec.setConsumers(consumers);
    spec.setMaxAccess(maxAccess);
    spec.setMethods(methods);
    policy.setSpec(spec);
    return policy;
  }
}
