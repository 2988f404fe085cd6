package io.s3share.operator.crossaccountrole;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import java.util.List;

/** CrossAccountRole resources for unit tests. */
final class CrossAccountRoles {

  private CrossAccountRoles() {}

  static CrossAccountRole role(String namespace, String name) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withGeneration(1L)
            .withUid("uid-" + name)
            .build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef("owner");
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account("222222222222")));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of("example-reports", Access.Read, List.of("reports/"))));
    role.setSpec(spec);
    return role;
  }
}
