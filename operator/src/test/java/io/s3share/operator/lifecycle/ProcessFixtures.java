package io.s3share.operator.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.testing.MotoAccounts;
import io.s3share.operator.testing.Shares;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/** Kubernetes objects for operators that run as processes and reach moto through a proxy. */
final class ProcessFixtures {

  private ProcessFixtures() {}

  static void namespace(KubernetesClient admin, String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  /**
   * An AwsAccount for moto's default account, reached with the base credentials (no role), so that
   * every AWS request is signed with the process's own access key and the proxy can tell who sent
   * it.
   */
  static AwsAccount account(KubernetesClient admin, String name, URI endpoint) {
    AwsAccount account = new AwsAccount();
    account.setMetadata(new ObjectMetaBuilder().withName(name).build());
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId(MotoAccounts.MOTO_DEFAULT_ACCOUNT);
    spec.setRegion(MotoAccounts.REGION.id());
    EndpointsSpec endpoints = new EndpointsSpec();
    endpoints.setUrl(endpoint.toString());
    spec.setEndpoints(endpoints);
    account.setSpec(spec);
    return admin.resource(account).serverSideApply();
  }

  static BucketShare share(
      KubernetesClient admin, String namespace, String name, String account, String bucket) {
    return admin
        .resource(
            Shares.share(
                namespace,
                name,
                account,
                bucket,
                Access.Read,
                List.of(Consumer.account(consumerOf(name))),
                List.of(name + "/")))
        .serverSideApply();
  }

  /** A Read share of {@code prefix} for the share's own consumer, granted through {@code via}. */
  static BucketShare share(
      String namespace, String name, String account, String bucket, ShareVia via, String prefix) {
    BucketShare share =
        Shares.share(
            namespace,
            name,
            account,
            bucket,
            Access.Read,
            List.of(Consumer.account(consumerOf(name))),
            List.of(prefix));
    share.getSpec().setVia(via);
    return share;
  }

  /** A role with a generated ExternalId, trusted by its own consumer, reading its own prefix. */
  static CrossAccountRole role(String namespace, String name, String account, String bucket) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(account);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(consumerOf(name))));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(bucket, Access.Read, List.of(name + "/"))));
    role.setSpec(spec);
    return role;
  }

  /** A bucket in moto's Region, created by its owner. */
  static void createBucket(AccountClients owner, String bucket) {
    owner
        .s3()
        .createBucket(
            b ->
                b.bucket(bucket)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
  }

  /** A distinct 12-digit consumer account per share name. */
  static String consumerOf(String shareName) {
    return String.format("%012d", Math.floorMod(shareName.hashCode(), 1_000_000_000L));
  }

  static BucketShare get(KubernetesClient admin, String namespace, String name) {
    return admin.resources(BucketShare.class).inNamespace(namespace).withName(name).get();
  }

  static Optional<String> leaseHolder(KubernetesClient admin, String namespace, String lease) {
    return Optional.ofNullable(admin.leases().inNamespace(namespace).withName(lease).get())
        .map(Lease::getSpec)
        .map(spec -> spec.getHolderIdentity());
  }

  static long naming(List<ObjectNode> statements, String accountId) {
    String root = "arn:aws:iam::" + accountId + ":root";
    return statements.stream().filter(s -> s.path("Principal").toString().contains(root)).count();
  }

  /**
   * With no operator left to run finalizers: removes the namespace's shares and the AwsAccount,
   * finalizers and all, so that later operators in this JVM do not find them.
   */
  static void forceRemove(KubernetesClient admin, String namespace, String account) {
    admin
        .resources(BucketShare.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(share -> withoutFinalizers(admin, share));
    admin.resources(BucketShare.class).inNamespace(namespace).delete();
    AwsAccount found = admin.resources(AwsAccount.class).withName(account).get();
    if (found != null) {
      withoutFinalizers(admin, found);
      admin.resources(AwsAccount.class).withName(account).delete();
    }
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void withoutFinalizers(
      KubernetesClient admin, T resource) {
    if (!resource.getMetadata().getFinalizers().isEmpty()) {
      admin
          .resource(resource)
          .edit(
              r -> {
                r.getMetadata().setFinalizers(List.of());
                return r;
              });
    }
  }
}
