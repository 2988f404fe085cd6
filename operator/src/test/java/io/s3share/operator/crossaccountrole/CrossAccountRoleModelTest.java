package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.kube.StalledException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CrossAccountRoleModelTest {

  static final Pattern IAM_ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  static final String BOUNDARY = "arn:aws:iam::111111111111:policy/tenant-boundary";
  final CrossAccountRoleModel model = new CrossAccountRoleModel("prod", Optional.empty());

  @Test
  void defaultRoleNameComesFromNamespaceAndName() {
    assertThat(CrossAccountRoleModel.roleName(CrossAccountRoles.role("team-a", "reports")))
        .isEqualTo("s3share-team-a-reports");
    CrossAccountRole named = CrossAccountRoles.role("team-a", "reports");
    named.getSpec().setRoleName("ReportsReader");
    assertThat(CrossAccountRoleModel.roleName(named)).isEqualTo("ReportsReader");
  }

  @Property(tries = 200)
  void derivedNamesAreValidForIamAndDistinct(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 63) String namespace,
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 200) String name) {
    String ns = namespace.toLowerCase();
    String n = name.toLowerCase();
    String roleName = CrossAccountRoleModel.roleName(CrossAccountRoles.role(ns, n));
    String sibling = CrossAccountRoleModel.roleName(CrossAccountRoles.role(ns, n + "x"));

    assertThat(roleName).matches(IAM_ROLE_NAME).isNotEqualTo(sibling);
    assertThat(roleName).isEqualTo(CrossAccountRoleModel.roleName(CrossAccountRoles.role(ns, n)));
  }

  @Test
  void desiredRoleCarriesOwnershipTagsNextToTheTenantsTags() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
    role.getSpec().setTags(Map.of("cost-center", "42"));

    DesiredRole desired = model.desired(role, Optional.of("ext-id-1"));

    assertThat(desired.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "cost-center", "42",
                "s3share.io/managed-by", "s3-share-operator-prod",
                "s3share.io/owner", "team-a/reports"));
    assertThat(desired.maxSessionDuration()).isEqualTo(3600);
    assertThat(desired.permissionsBoundaryArn()).isEmpty();
    assertThat(desired.trust().externalId()).contains("ext-id-1");
  }

  @Test
  void externalIdIsRequiredUnlessOnlyOrganizationsAreTrustedAndTheSpecOptsOut() {
    CrossAccountRole account = CrossAccountRoles.role("team-a", "reports");
    assertThatThrownBy(() -> model.desired(account, Optional.empty()))
        .isInstanceOfSatisfying(
            StalledException.class, e -> assertThat(e.reason()).isEqualTo("InvalidSpec"))
        .hasMessageContaining("ExternalId is required");

    CrossAccountRole org = CrossAccountRoles.role("team-a", "org");
    org.getSpec().setTrustedPrincipals(List.of(TrustedPrincipal.organization("o-abcd123456")));
    ExternalIdSpec optOut = new ExternalIdSpec();
    optOut.setRequired(false);
    org.getSpec().setExternalId(optOut);
    assertThat(model.desired(org, Optional.empty()).trust().externalId()).isEmpty();

    org.getSpec()
        .setTrustedPrincipals(
            List.of(
                TrustedPrincipal.organization("o-abcd123456"),
                TrustedPrincipal.account("222222222222")));
    assertThatThrownBy(() -> model.desired(org, Optional.empty()))
        .isInstanceOf(StalledException.class);
  }

  @Test
  void operatorWideBoundaryIsAlwaysAppliedAndCannotBeSwapped() {
    CrossAccountRoleModel bounded = new CrossAccountRoleModel("prod", Optional.of(BOUNDARY));
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");

    assertThat(bounded.desired(role, Optional.of("ext-id-1")).permissionsBoundaryArn())
        .contains(BOUNDARY);
    role.getSpec().setPermissionsBoundaryArn(BOUNDARY);
    assertThat(bounded.desired(role, Optional.of("ext-id-1")).permissionsBoundaryArn())
        .contains(BOUNDARY);

    role.getSpec().setPermissionsBoundaryArn("arn:aws:iam::aws:policy/AdministratorAccess");
    assertThatThrownBy(() -> bounded.desired(role, Optional.of("ext-id-1")))
        .isInstanceOfSatisfying(
            StalledException.class,
            e -> assertThat(e.reason()).isEqualTo("PermissionsBoundaryNotAllowed"));
    assertThat(model.desired(role, Optional.of("ext-id-1")).permissionsBoundaryArn())
        .contains("arn:aws:iam::aws:policy/AdministratorAccess");
  }

  @Test
  void invalidGrantsAreStalledWithTheReason() {
    CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
    role.getSpec().getGrants().get(0).setActions(List.of("s3:PutBucketPolicy"));

    assertThatThrownBy(() -> model.desired(role, Optional.of("ext-id-1")))
        .isInstanceOfSatisfying(
            StalledException.class, e -> assertThat(e.reason()).isEqualTo("InvalidSpec"))
        .hasMessageContaining("s3:PutBucketPolicy");
  }
}
