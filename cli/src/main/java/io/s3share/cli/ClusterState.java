package io.s3share.cli;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The operator's resources as the cluster holds them now; read once per command run. */
public record ClusterState(
    List<AwsAccount> accounts,
    List<BucketShare> shares,
    List<CrossAccountRole> roles,
    List<SharingPolicy> policies,
    Map<String, Map<String, String>> namespaceLabels) {

  public ClusterState {
    accounts = List.copyOf(accounts);
    shares = List.copyOf(shares);
    roles = List.copyOf(roles);
    policies = List.copyOf(policies);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  /** Reads every AwsAccount, BucketShare, CrossAccountRole, SharingPolicy and namespace label. */
  public static ClusterState read(KubernetesClient kube) {
    return new ClusterState(
        kube.resources(AwsAccount.class).list().getItems(),
        kube.resources(BucketShare.class).inAnyNamespace().list().getItems(),
        kube.resources(CrossAccountRole.class).inAnyNamespace().list().getItems(),
        kube.resources(SharingPolicy.class).list().getItems(),
        kube.namespaces().list().getItems().stream()
            .collect(
                Collectors.toMap(
                    (Namespace ns) -> ns.getMetadata().getName(),
                    (Namespace ns) ->
                        Optional.ofNullable(ns.getMetadata().getLabels()).orElse(Map.of()))));
  }

  public Optional<AwsAccount> account(String name) {
    return accounts.stream().filter(a -> a.getMetadata().getName().equals(name)).findFirst();
  }

  public ClusterState withShares(List<BucketShare> otherShares) {
    return new ClusterState(accounts, otherShares, roles, policies, namespaceLabels);
  }

  public ClusterState withRoles(List<CrossAccountRole> otherRoles) {
    return new ClusterState(accounts, shares, otherRoles, policies, namespaceLabels);
  }
}
