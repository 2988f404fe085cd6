package io.s3share.operator.crossaccountrole;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.aws.IamRolePort;
import io.s3share.operator.crossaccountrole.RolePlanner.Ownership;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RolePlannerTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String BOUNDARY = "arn:aws:iam::111111111111:policy/boundary";
  final CrossAccountRoleModel model = new CrossAccountRoleModel("prod", Optional.empty());
  final CrossAccountRole role = CrossAccountRoles.role("team-a", "reports");
  final DesiredRole desired = model.desired(role, Optional.of("ext-id-1"));

  @Test
  void aMissingRoleIsCreatedWholeThenGetsItsInlinePolicy() {
    List<RoleChange> changes = RolePlanner.plan(desired, Optional.empty());

    assertThat(changes)
        .containsExactly(
            new RoleChange.CreateRole(
                new IamRolePort.NewRole(
                    "s3share-team-a-reports",
                    "/s3share/",
                    desired.trust().toJson(),
                    "Managed by s3-share-operator for CrossAccountRole team-a/reports",
                    3600,
                    Optional.empty(),
                    desired.tags())),
            new RoleChange.PutInlinePolicy("s3share-grants", desired.permissions().toJson()));
  }

  @Test
  void anUnchangedRoleNeedsNoCallsEvenInIamsUrlEncodedForm() {
    assertThat(RolePlanner.plan(desired, Optional.of(observedAsIamReturnsIt(desired, 7))))
        .isEmpty();
  }

  @Property(tries = 100)
  void noChangesForAnyEquivalentFormIamMayReturn(@ForAll long seed) {
    assertThat(RolePlanner.plan(desired, Optional.of(observedAsIamReturnsIt(desired, seed))))
        .isEmpty();
  }

  @Test
  void eachOutOfBandEditBecomesExactlyTheCallThatUndoesIt() throws Exception {
    ObservedRole clean = observedAsIamReturnsIt(desired, 1);
    Map<String, String> tags = new HashMap<>(clean.role().tags());
    tags.put("added-by-hand", "yes");
    tags.put("s3share.io/owner", "team-a/reports");
    IamRolePort.Role drifted =
        new IamRolePort.Role(
            clean.role().name(),
            clean.role().arn(),
            encode(desired.trust().toJson().replace("ext-id-1", "ext-id-2")),
            7200,
            Optional.of(BOUNDARY),
            tags);
    ObservedRole observed =
        new ObservedRole(
            drifted,
            List.of("s3share-grants", "admin-by-hand"),
            Optional.of(encode(desired.permissions().toJson().replace("reports/*", "*"))),
            List.of(
                "arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws:iam::111111111111:policy/by-hand"));

    assertThat(RolePlanner.plan(desired, Optional.of(observed)))
        .containsExactly(
            new RoleChange.UpdateTrustPolicy(desired.trust().toJson()),
            new RoleChange.PutInlinePolicy("s3share-grants", desired.permissions().toJson()),
            new RoleChange.DeleteInlinePolicy("admin-by-hand"),
            new RoleChange.DetachManagedPolicy("arn:aws:iam::111111111111:policy/by-hand"),
            new RoleChange.DetachManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess"),
            new RoleChange.DeletePermissionsBoundary(),
            new RoleChange.UpdateMaxSessionDuration(3600, desired.description()),
            new RoleChange.UntagRole(
                Collections.unmodifiableSortedSet(new TreeSet<>(List.of("added-by-hand")))));
  }

  @Test
  void whatOurWritesLeaveBehindNeedsNoFurtherChange() {
    // Recorded in the snapshot after converging: a resync must not write the same again.
    ObservedRole converged =
        ObservedRole.converged(
            desired,
            "arn:aws:iam::111111111111:role/s3share/" + desired.name(),
            Map.of("aws:cloudformation:stack-name", "x", "added-by-hand", "yes"));

    assertThat(RolePlanner.plan(desired, Optional.of(converged))).isEmpty();
    assertThat(converged.role().tags())
        .containsEntry("aws:cloudformation:stack-name", "x")
        .doesNotContainKey("added-by-hand");
  }

  @Test
  void aRoleFromTheBulkReadIsComparedLikeOneReadDirectly() {
    ObservedRole direct = observedAsIamReturnsIt(desired, 11);
    Map<String, String> inline = new HashMap<>();
    inline.put("admin-by-hand", "%7B%7D");
    inline.put(DesiredRole.INLINE_POLICY_NAME, direct.grantsPolicy().orElseThrow());
    IamRolePort.RoleDetail detail =
        new IamRolePort.RoleDetail(
            direct.role().name(),
            direct.role().arn(),
            "/s3share/",
            direct.role().trustPolicy(),
            Optional.empty(),
            direct.role().tags(),
            inline,
            List.of("arn:aws:iam::111111111111:policy/by-hand"));

    assertThat(RolePlanner.plan(desired, Optional.of(ObservedRole.of(detail, 7200))))
        .containsExactly(
            new RoleChange.DeleteInlinePolicy("admin-by-hand"),
            new RoleChange.DetachManagedPolicy("arn:aws:iam::111111111111:policy/by-hand"),
            new RoleChange.UpdateMaxSessionDuration(3600, desired.description()));
  }

  @Test
  void specChangesBecomeTheirCalls() {
    ObservedRole before = observedAsIamReturnsIt(desired, 3);
    role.getSpec().setMaxSessionDuration(43200);
    role.getSpec().setPermissionsBoundaryArn(BOUNDARY);
    role.getSpec().setTags(Map.of("team", "a"));
    role.getSpec()
        .setTrustedPrincipals(
            List.of(TrustedPrincipal.role("arn:aws:iam::222222222222:role/reader")));
    role.getSpec().setGrants(List.of(RoleGrant.of("example-reports", Access.ReadWrite, List.of())));
    DesiredRole after = model.desired(role, Optional.of("ext-id-1"));

    assertThat(RolePlanner.plan(after, Optional.of(before)))
        .containsExactly(
            new RoleChange.UpdateTrustPolicy(after.trust().toJson()),
            new RoleChange.PutInlinePolicy("s3share-grants", after.permissions().toJson()),
            new RoleChange.PutPermissionsBoundary(BOUNDARY),
            new RoleChange.UpdateMaxSessionDuration(43200, after.description()),
            new RoleChange.TagRole(Map.of("team", "a")));
  }

  @Test
  void aMissingInlinePolicyIsWrittenAndAwsTagsAreLeftAlone() {
    ObservedRole clean = observedAsIamReturnsIt(desired, 5);
    Map<String, String> tags = new HashMap<>(clean.role().tags());
    tags.put("aws:cloudformation:stack-name", "x");
    IamRolePort.Role role =
        new IamRolePort.Role(
            clean.role().name(),
            clean.role().arn(),
            clean.role().trustPolicy(),
            3600,
            Optional.empty(),
            tags);

    assertThat(
            RolePlanner.plan(
                desired,
                Optional.of(new ObservedRole(role, List.of(), Optional.empty(), List.of()))))
        .containsExactly(
            new RoleChange.PutInlinePolicy("s3share-grants", desired.permissions().toJson()));
  }

  @Test
  void aSuspendedRoleIsRestoredInPlaceAndLosesItsSuspendedTag() {
    ObservedRole clean = observedAsIamReturnsIt(desired, 2);
    Map<String, String> tags = new HashMap<>(clean.role().tags());
    tags.put(RoleSuspension.SUSPENDED_TAG, "true");
    IamRolePort.Role suspended =
        new IamRolePort.Role(
            clean.role().name(),
            clean.role().arn(),
            encode(RoleSuspension.TRUST_POLICY),
            3600,
            Optional.empty(),
            tags);

    assertThat(
            RolePlanner.plan(
                desired,
                Optional.of(new ObservedRole(suspended, List.of(), Optional.empty(), List.of()))))
        .containsExactly(
            new RoleChange.UpdateTrustPolicy(desired.trust().toJson()),
            new RoleChange.PutInlinePolicy("s3share-grants", desired.permissions().toJson()),
            new RoleChange.UntagRole(
                Collections.unmodifiableSortedSet(
                    new TreeSet<>(List.of(RoleSuspension.SUSPENDED_TAG)))));
  }

  @Test
  void suspensionRemovesEveryPermissionDeniesEveryPrincipalAndThenNeedsNothingMore() {
    ObservedRole active = observedAsIamReturnsIt(desired, 4);
    ObservedRole withExtras =
        new ObservedRole(
            active.role(),
            List.of("s3share-grants", "added-by-hand"),
            active.grantsPolicy(),
            List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));

    assertThat(RoleSuspension.plan(withExtras))
        .containsExactly(
            new RoleChange.DeleteInlinePolicy("added-by-hand"),
            new RoleChange.DeleteInlinePolicy("s3share-grants"),
            new RoleChange.DetachManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess"),
            new RoleChange.UpdateTrustPolicy(RoleSuspension.TRUST_POLICY),
            new RoleChange.TagRole(Map.of(RoleSuspension.SUSPENDED_TAG, "true")));

    Map<String, String> tags = new HashMap<>(active.role().tags());
    tags.put(RoleSuspension.SUSPENDED_TAG, "true");
    IamRolePort.Role suspended =
        new IamRolePort.Role(
            active.role().name(),
            active.role().arn(),
            encode(RoleSuspension.TRUST_POLICY),
            3600,
            Optional.empty(),
            tags);
    assertThat(
            RoleSuspension.plan(
                new ObservedRole(suspended, List.of(), Optional.empty(), List.of())))
        .isEmpty();
  }

  @Test
  void ownershipIsReadFromBothTags() {
    IamRolePort.Role ours = observedAsIamReturnsIt(desired, 1).role();
    assertThat(RolePlanner.ownership(ours, "s3-share-operator-prod", "team-a/reports"))
        .isEqualTo(Ownership.OURS);
    assertThat(RolePlanner.ownership(ours, "s3-share-operator-prod", "team-b/reports"))
        .isEqualTo(Ownership.ANOTHER_OWNER);
    assertThat(RolePlanner.ownership(ours, "s3-share-operator-staging", "team-a/reports"))
        .isEqualTo(Ownership.ANOTHER_OWNER);
    IamRolePort.Role untagged =
        new IamRolePort.Role(
            ours.name(), ours.arn(), ours.trustPolicy(), 3600, Optional.empty(), Map.of("x", "y"));
    assertThat(RolePlanner.ownership(untagged, "s3-share-operator-prod", "team-a/reports"))
        .isEqualTo(Ownership.UNMANAGED);
  }

  /** The desired role as IAM hands it back: URL-encoded, statements and values reordered. */
  static ObservedRole observedAsIamReturnsIt(DesiredRole desired, long seed) {
    Random random = new Random(seed);
    return new ObservedRole(
        new IamRolePort.Role(
            desired.name(),
            "arn:aws:iam::111111111111:role/" + desired.name(),
            encode(shuffled(desired.trust().toJson(), random)),
            desired.maxSessionDuration(),
            desired.permissionsBoundaryArn(),
            desired.tags()),
        List.of(DesiredRole.INLINE_POLICY_NAME),
        Optional.of(encode(shuffled(desired.permissions().toJson(), random))),
        List.of());
  }

  private static String shuffled(String json, Random random) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(json);
      ArrayNode statements = (ArrayNode) root.get("Statement");
      List<JsonNode> list = new java.util.ArrayList<>();
      statements.forEach(list::add);
      Collections.shuffle(list, random);
      for (JsonNode statement : list) {
        JsonNode action = statement.get("Action");
        if (action.isArray() && action.size() == 1) {
          ((ObjectNode) statement).put("Action", action.get(0).asText());
        }
      }
      root.set("Statement", JSON.createArrayNode().addAll(list));
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }
}
