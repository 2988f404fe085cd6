package io.s3share.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.operator.testing.SharingPolicies;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3share audit} and {@code s3share plan} against the real API server and moto, with the
 * real operator granting the shares and the role first. Foreign, public and dangling statements, an
 * ACL grant, an access point nobody declared and a role trust edited out of band are placed in moto
 * by hand, as someone else would.
 */
@ExtendWith(MotoExtension.class)
class CliIT {

  static final String INSTALLATION = "cliaudit";
  // Long: the role trust edited out of band must stay edited while the audit reads it.
  static final Duration RESYNC = Duration.ofMinutes(10);
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String OWNER = "313131313131";
  static final String BUCKET = "cli-data";
  static final String TEAM_A = "222200000001";
  static final String TEAM_AP = "222200000002";
  static final String ROLE_CONSUMER = "222200000003";
  static final String NEW_CONSUMER = "222200000004";
  static final String NEW_ROLE_CONSUMER = "222200000005";
  static final String FOREIGN = "999900000001";
  static final String LEGACY_AP_CONSUMER = "999900000002";
  static final String DANGLING = "AROAEXAMPLEDANGLING01";
  static final String POLICY = "cli-sharing";
  static final ObjectMapper JSON = new ObjectMapper();

  static final OperatorUnderTest operator = OperatorUnderTest.create(INSTALLATION, RESYNC);

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static CliRun cli;

  @BeforeAll
  static void sharesRolesAndOthersStatements(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "cli-owner", OWNER);
    // moto gives every access point an us-east-1 ARN, whatever the Region; AWS gives the bucket's.
    // With the account in us-east-1, the ARNs the operator's delegation names are the ones moto
    // hands out, as they would be in AWS.
    operator
        .client
        .resources(AwsAccount.class)
        .withName(owner.name)
        .edit(
            account -> {
              account.getSpec().setRegion("us-east-1");
              return account;
            });
    owner.createBucket(BUCKET);
    BucketPolicies.put(
        owner.admin,
        BUCKET,
        List.of(
            BucketPolicies.foreignStatement("PartnerRead", BUCKET, FOREIGN),
            BucketPolicies.parse(
                "{\"Sid\":\"OpenData\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                    + BUCKET
                    + "/open/*\"}"),
            BucketPolicies.parse(
                "{\"Sid\":\"OldRole\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + DANGLING
                    + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                    + BUCKET
                    + "/gone/*\"}")));
    owner
        .admin
        .s3Control()
        .createAccessPoint(b -> b.accountId(OWNER).name("legacy-ap").bucket(BUCKET));
    owner
        .admin
        .s3Control()
        .putAccessPointPolicy(
            b ->
                b.accountId(OWNER)
                    .name("legacy-ap")
                    .policy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Legacy\","
                            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + LEGACY_AP_CONSUMER
                            + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":"
                            + "\"arn:aws:s3:us-east-1:"
                            + OWNER
                            + ":accesspoint/legacy-ap/object/legacy/*\"}]}"));
    // A READ grant to another canonical user, next to the owner's own FULL_CONTROL.
    String ownerId = owner.admin.s3().getBucketAcl(b -> b.bucket(BUCKET)).owner().id();
    String grantee = "0".repeat(64);
    owner
        .admin
        .s3()
        .putBucketAcl(
            b ->
                b.bucket(BUCKET)
                    .grantRead("id=" + grantee)
                    .grantFullControl(
                        "id=" + owner.admin.s3().getBucketAcl(x -> x.bucket(BUCKET)).owner().id()));

    operator.client.resource(share("team-a", TEAM_A, "reports/")).serverSideApply();
    BucketShare viaAccessPoint = share("team-ap", TEAM_AP, "shared/");
    viaAccessPoint.getSpec().setVia(ShareVia.AccessPoint);
    operator.client.resource(viaAccessPoint).serverSideApply();
    operator.client.resource(role(ROLE_CONSUMER)).serverSideApply();
    operator.client.resource(sharingPolicy()).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Shares.ready(get("team-a"))).isEqualTo("True/Granted");
              assertThat(Shares.readyOf(get("team-ap"))).isEqualTo("True");
              CrossAccountRole role =
                  operator
                      .client
                      .resources(CrossAccountRole.class)
                      .inNamespace(operator.namespace())
                      .withName("reader")
                      .get();
              assertThat(role).isNotNull();
              assertThat(Shares.readyOf(role)).isEqualTo("True");
            });
    cli = new CliRun(operator.client, INSTALLATION);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharingPolicy.class, POLICY);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void auditTableShowsEachPathItsManagerAndTheFindings() {
    dropExternalIdFromTrust();
    CliRun.Result result = cli.run("audit");

    assertThat(result.err()).isEmpty();
    String out = result.out();
    String ns = operator.namespace();
    assertThat(lineWith(out, root(TEAM_A), "reports/"))
        .contains(BUCKET, "GetObject", "ListBucket", "BucketShare " + ns + "/team-a")
        .doesNotContain("PutObject", "team-ap");
    assertThat(lineWith(out, root(TEAM_AP), "shared/"))
        .contains("GetObject", "access point", "BucketShare " + ns + "/team-ap");
    assertThat(lineWith(out, ROLE_CONSUMER))
        .contains("role arn:aws:iam::" + OWNER, "CrossAccountRole " + ns + "/reader");
    assertThat(lineWith(out, "PartnerRead")).contains(FOREIGN, "public/", "foreign");
    assertThat(lineWith(out, "* (anyone)")).contains("open/", "OpenData");
    // Its policy grants, but the bucket policy delegates only to this installation's access
    // points: both must allow, so the legacy access point's consumer reaches nothing.
    assertThat(out).doesNotContain(LEGACY_AP_CONSUMER);
    // Anyone may read open/: shown once as public, not again for each named principal.
    assertThat(out.lines().filter(line -> line.startsWith(BUCKET) && line.contains(" open/ ")))
        .hasSize(1);

    assertThat(lineWith(out, "PublicAccess")).startsWith("CRITICAL");
    assertThat(out.lines().filter(line -> line.contains("ForeignCrossAccountGrant")))
        .singleElement()
        .asString()
        .contains("PartnerRead", FOREIGN);
    assertThat(lineWith(out, "DanglingPrincipal")).contains(DANGLING, "OldRole");
    assertThat(lineWith(out, "UnmanagedAccessPoint")).contains("legacy-ap");
    assertThat(lineWith(out, "RoleTrustWithoutExternalId")).contains(ROLE_CONSUMER);
    assertThat(lineWith(out, "AclGrant")).contains("READ");
    // SSE-S3 (or no default encryption): no key policy is involved, so no KMS finding.
    assertThat(out.lines().filter(line -> line.contains(" Kms"))).isEmpty();
    assertThat(out.lines().filter(line -> line.contains("UnmanagedAccessPoint"))).hasSize(1);
    assertThat(result.exitCode()).as(out).isEqualTo(1);
    assertThat(cli.calls.mutating()).as("%s", cli.calls.counts()).isZero();
  }

  @Test
  void auditJsonCarriesTheSameRowsAndFindings() throws IOException {
    dropExternalIdFromTrust();
    CliRun.Result result = cli.run("audit", "-o", "json", "--fail-on", "CRITICAL");

    JsonNode report = JSON.readTree(result.out());
    List<String> managers = new ArrayList<>();
    report
        .get("access")
        .forEach(
            row ->
                managers.add(
                    row.get("principal").asText() + " -> " + row.get("managedBy").asText()));
    assertThat(managers)
        .contains(
            root(TEAM_A) + " -> BucketShare " + operator.namespace() + "/team-a",
            "arn:aws:iam::" + FOREIGN + ":root -> foreign");
    List<String> kinds =
        StreamSupport.stream(report.get("findings").spliterator(), false)
            .map(f -> f.get("severity").asText() + " " + f.get("kind").asText())
            .toList();
    assertThat(kinds)
        .contains(
            "CRITICAL PublicAccess",
            "MEDIUM ForeignCrossAccountGrant",
            "MEDIUM DanglingPrincipal",
            "LOW UnmanagedAccessPoint",
            "HIGH RoleTrustWithoutExternalId");
    assertThat(kinds).noneMatch(kind -> kind.contains(" Kms"));
    assertThat(report.get("encryption"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("encryption").asText()).isEqualTo("SSE-S3 or none"));
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void auditMarkdownIsTwoTables() {
    CliRun.Result result = cli.run("audit", "-o", "markdown", "--fail-on", "critical");

    assertThat(result.out())
        .contains("## Who can reach what", "## Findings")
        .contains("| BUCKET | PREFIX | PRINCIPAL | ACTIONS | PATH | MANAGED BY |")
        .contains("| CRITICAL | PublicAccess | " + BUCKET + " |");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void planShowsTheDiffsAndTheDenialAndWritesNothing(@TempDir Path dir) throws IOException {
    String ns = operator.namespace();
    List<String> sharesBefore = names(BucketShare.class);
    String roleVersion = roleResource().getMetadata().getResourceVersion();
    // team-a removed, team-new added, the role trusts another account, one share is denied.
    write(dir, "team-ap.yaml", asInGit(get("team-ap")));
    write(dir, "team-new.yaml", share("team-new", NEW_CONSUMER, "incoming/"));
    write(dir, "reader.yaml", role(NEW_ROLE_CONSUMER));
    write(dir, "denied.yaml", share("team-denied", "666600000000", "x/"));
    BucketShare newAccessPoint = share("team-new-ap", NEW_CONSUMER, "through-ap/");
    newAccessPoint.getSpec().setVia(ShareVia.AccessPoint);
    write(dir, "team-new-ap.yaml", newAccessPoint);
    cli.calls.reset();

    CliRun.Result result = cli.run("plan", "-f", dir.toString(), "--prune");

    String out = result.out();
    assertThat(result.err()).isEmpty();
    assertThat(lineWith(out, "team-denied")).contains("denied", "SharingPolic");
    assertThat(lineWith(out, "BucketShare " + ns + "/team-a ")).contains("removed");
    assertThat(lineWith(out, "/team-new ")).contains("allowed");
    assertThat(out).contains("# bucket policy " + OWNER + "/" + BUCKET + ": update");
    assertThat(lineWith(out, "-", TEAM_A)).startsWith("-");
    assertThat(lineWith(out, "+", NEW_CONSUMER)).startsWith("+");
    assertThat(out).doesNotContain("666600000000\"");
    assertThat(out.lines().filter(line -> line.startsWith("# access point " + OWNER + "/")))
        .as("the new access point share's, and the unchanged one's")
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).endsWith(": create"))
        .anySatisfy(line -> assertThat(line).endsWith(": no change"));
    assertThat(lineWith(out, "+", "accesspoint/", "through-ap/")).startsWith("+");
    assertThat(out)
        .contains("# role " + CrossAccountRoleModel.roleName(roleResource()) + ": update");
    assertThat(lineWith(out, "+", NEW_ROLE_CONSUMER)).startsWith("+");
    assertThat(lineWith(out, "-", ROLE_CONSUMER)).startsWith("-");
    assertThat(result.exitCode()).isEqualTo(1);

    assertThat(cli.calls.total()).isPositive();
    assertThat(cli.calls.mutating()).as("%s", cli.calls.counts()).isZero();
    assertThat(names(BucketShare.class)).isEqualTo(sharesBefore);
    assertThat(owner.admin.s3Control().listAccessPoints(b -> b.accountId(OWNER)).accessPointList())
        .hasSize(2);
    assertThat(roleResource().getMetadata().getResourceVersion()).isEqualTo(roleVersion);
    assertThat(BucketPolicies.statements(owner.admin, BUCKET).toString())
        .contains(TEAM_A)
        .doesNotContain(NEW_CONSUMER);
  }

  @Test
  void planRefusesAManifestTheApiServerRejects(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "apiVersion: s3share.io/v1alpha1\nkind: BucketShare\nmetadata:\n  name: bad\n  namespace: "
            + operator.namespace()
            + "\nspec:\n  bucket: {name: "
            + BUCKET
            + ", accountRef: cli-owner}\n  access: Everything\n  consumers: [{accountId: '"
            + NEW_CONSUMER
            + "'}]\n");

    CliRun.Result result = cli.run("plan", "-f", dir.resolve("bad.yaml").toString());

    assertThat(result.err()).isEmpty();
    assertThat(lineWith(result.out(), "BucketShare " + operator.namespace() + "/bad"))
        .contains("invalid", "Everything");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(names(BucketShare.class)).doesNotContain("bad");
  }

  /** The share as its manifest in a repository holds it: no server-set fields, no status. */
  private static BucketShare asInGit(BucketShare stored) {
    BucketShare share = new BucketShare();
    share.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(stored.getMetadata().getNamespace())
            .withName(stored.getMetadata().getName())
            .build());
    share.setSpec(stored.getSpec());
    return share;
  }

  @Test
  void planSaysAShareWithoutItsAwsAccountWouldStall(@TempDir Path dir) throws IOException {
    BucketShare orphan = share("orphan", NEW_CONSUMER, "x/");
    orphan.getSpec().getBucket().setAccountRef("no-such-account");
    write(dir, "orphan.yaml", orphan);

    CliRun.Result result = cli.run("plan", "-f", dir.toString(), "--sharing-policies", "Disabled");

    assertThat(result.err()).isEmpty();
    assertThat(lineWith(result.out(), "/orphan ")).contains("allowed");
    assertThat(result.out()).contains("# bucket " + BUCKET + ": blocked");
    assertThat(lineWith(result.out(), "no-such-account")).contains("AccountNotFound");
    assertThat(result.exitCode()).isZero();
  }

  /**
   * Someone drops the ExternalId condition from the role's trust by hand. Done right before each
   * audit: the operator puts it back on its next visit to the role.
   */
  private static void dropExternalIdFromTrust() {
    owner
        .admin
        .iam()
        .updateAssumeRolePolicy(
            b ->
                b.roleName(CrossAccountRoleModel.roleName(roleResource()))
                    .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Trust\","
                            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + ROLE_CONSUMER
                            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
  }

  private static String root(String account) {
    return "arn:aws:iam::" + account + ":root";
  }

  private static String lineWith(String text, String... parts) {
    return text.lines()
        .filter(line -> List.of(parts).stream().allMatch(line::contains))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + List.of(parts) + " in:\n" + text));
  }

  private static void write(Path dir, String file, Object resource) throws IOException {
    Files.writeString(
        dir.resolve(file), operator.client.getKubernetesSerialization().asYaml(resource));
  }

  private static List<String> names(
      Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind) {
    return operator
        .client
        .resources(kind)
        .inNamespace(operator.namespace())
        .list()
        .getItems()
        .stream()
        .map(r -> r.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static BucketShare get(String name) {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .get();
  }

  private static CrossAccountRole roleResource() {
    return operator
        .client
        .resources(CrossAccountRole.class)
        .inNamespace(operator.namespace())
        .withName("reader")
        .get();
  }

  private static BucketShare share(String name, String consumer, String prefix) {
    return Shares.share(
        operator.namespace(),
        name,
        "cli-owner",
        BUCKET,
        Access.Read,
        List.of(Consumer.account(consumer)),
        List.of(prefix));
  }

  private static CrossAccountRole role(String consumer) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(
        new ObjectMetaBuilder().withNamespace(operator.namespace()).withName("reader").build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef("cli-owner");
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(consumer)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(BUCKET, Access.Read, List.of("exports/"))));
    role.setSpec(spec);
    return role;
  }

  private static SharingPolicy sharingPolicy() {
    return SharingPolicies.policy(
        POLICY,
        Map.of("kubernetes.io/metadata.name", operator.namespace()),
        "cli-owner",
        List.of(BUCKET),
        List.of(TEAM_A, TEAM_AP, ROLE_CONSUMER, NEW_CONSUMER, NEW_ROLE_CONSUMER),
        List.of(),
        Access.ReadWrite,
        List.of(
            SharingMethod.BucketPolicy, SharingMethod.AccessPoint, SharingMethod.CrossAccountRole));
  }
}
