package io.s3share.operator.sharedbucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharedBucketSpec;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.status.Conditions;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/** Builds SharedBuckets, arranges legacy ACLs as an administrator would, and reads conditions. */
final class SharedBucketFixture {

  static final String OTHER_CANONICAL_ID =
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

  private SharedBucketFixture() {}

  static SharedBucket sharedBucket(String name, String accountRef, String bucket) {
    SharedBucket resource = new SharedBucket();
    resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SharedBucketSpec spec = new SharedBucketSpec();
    spec.setAccountRef(accountRef);
    spec.setBucket(bucket);
    resource.setSpec(spec);
    return resource;
  }

  static SharedBucket get(KubernetesClient client, String name) {
    return client.resources(SharedBucket.class).withName(name).get();
  }

  static Optional<Condition> condition(SharedBucket resource, String type) {
    return resource == null || resource.getStatus() == null
        ? Optional.empty()
        : Conditions.find(resource.getStatus().getConditions(), type);
  }

  /** Asserts the resource is Ready=True; for use inside untilAsserted. */
  static void assertReady(SharedBucket resource) {
    assertThat(resource).isNotNull();
    assertThat(condition(resource, Conditions.READY))
        .as("Ready of %s: %s", resource.getMetadata().getName(), resource.getStatus())
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  /** Asserts the resource is Stalled for {@code reason}; for use inside untilAsserted. */
  static Condition assertStalled(SharedBucket resource, String reason) {
    assertThat(resource).isNotNull();
    Optional<Condition> stalled = condition(resource, Conditions.STALLED);
    assertThat(stalled)
        .as("Stalled of %s", resource.getMetadata().getName())
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo(reason);
            });
    return stalled.get();
  }

  /** Replaces the bucket ACL with the owner's full control plus {@code extra}. */
  static void putAcl(AccountClients admin, String bucket, List<Grant> extra) {
    Owner owner = admin.s3().getBucketAcl(b -> b.bucket(bucket)).owner();
    Grant ownerGrant =
        Grant.builder()
            .grantee(Grantee.builder().type(Type.CANONICAL_USER).id(owner.id()).build())
            .permission(Permission.FULL_CONTROL)
            .build();
    List<Grant> grants = new java.util.ArrayList<>(List.of(ownerGrant));
    grants.addAll(extra);
    admin
        .s3()
        .putBucketAcl(
            b ->
                b.bucket(bucket)
                    .accessControlPolicy(
                        AccessControlPolicy.builder().owner(owner).grants(grants).build()));
  }

  static Grant toCanonicalUser(String id, Permission permission) {
    return Grant.builder()
        .grantee(Grantee.builder().type(Type.CANONICAL_USER).id(id).build())
        .permission(permission)
        .build();
  }

  static Grant toGroup(String uri, Permission permission) {
    return Grant.builder()
        .grantee(Grantee.builder().type(Type.GROUP).uri(uri).build())
        .permission(permission)
        .build();
  }

  /** The grantees (id or URI) of the bucket ACL other than its owner. */
  static List<String> aclGrantees(AccountClients admin, String bucket) {
    var acl = admin.s3().getBucketAcl(b -> b.bucket(bucket));
    return acl.grants().stream()
        .map(g -> g.grantee().id() != null ? g.grantee().id() : g.grantee().uri())
        .filter(id -> !id.equals(acl.owner().id()))
        .toList();
  }

  static Optional<String> ownership(AccountClients admin, String bucket) {
    try {
      return admin
          .s3()
          .getBucketOwnershipControls(b -> b.bucket(bucket))
          .ownershipControls()
          .rules()
          .stream()
          .map(r -> r.objectOwnershipAsString())
          .findFirst();
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      return Optional.empty();
    }
  }
}
