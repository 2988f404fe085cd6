package io.s3share.operator.sharedbucket;

import static io.s3share.operator.sharedbucket.SharedBucketFixture.OTHER_CANONICAL_ID;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.aclGrantees;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertReady;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertStalled;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.get;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.ownership;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.putAcl;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.sharedBucket;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.toCanonicalUser;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.toGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.ObjectOwnership;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.Permission;

/**
 * A SharedBucket asking for BucketOwnerEnforced moves the ACL's cross-account grants into the
 * bucket policy, resets the ACL to private and enforces ownership, in that order, through both of
 * the refusals AWS gives on the way (injected: moto gives neither).
 */
@ExtendWith(MotoExtension.class)
class SharedBucketMigrationIT {

  static final String OWNER = "131313131313";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("sbmig", Duration.ofSeconds(5));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "sbmig-owner", OWNER);
  }

  @AfterEach
  void everyS3RequestNamedTheBucketOwner() {
    assertThat(operator.bucketOwners.missing()).isEmpty();
    operator.faults.clear();
  }

  @AfterAll
  static void close() {
    ClusterScoped.remove(operator.client, SharedBucket.class, created);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void grantsMoveIntoThePolicyThenTheAclGoesPrivateThenOwnershipIsEnforced() {
    String bucket = "sbmig-legacy";
    owner.createBucket(bucket);
    ObjectNode foreign = BucketPolicies.foreignStatement("TeamOwned", bucket, "999999999999");
    BucketPolicies.put(owner.admin, bucket, List.of(foreign));
    putAcl(
        owner.admin,
        bucket,
        List.of(
            toCanonicalUser(OTHER_CANONICAL_ID, Permission.READ),
            toCanonicalUser(OTHER_CANONICAL_ID, Permission.WRITE)));
    // AWS's answers when someone enforces ownership between the operator's reads and its ACL
    // write, and when the ACL grants again right before enforcing; moto enforces neither.
    operator.faults.s3Error("PutBucketAcl", bucket, 400, "AccessControlListNotSupported", 1);
    operator.faults.s3Error(
        "PutBucketOwnershipControls", bucket, 400, "InvalidBucketAclWithObjectOwnership", 1);
    int injectedBefore = operator.faults.injected();

    apply("legacy", bucket, ObjectOwnership.BucketOwnerEnforced);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket resource = get(operator.client, "legacy");
              assertReady(resource);
              assertThat(resource.getStatus().getAclMigration()).isEqualTo("Enforced");
              assertThat(resource.getStatus().getObjectOwnership())
                  .isEqualTo("BucketOwnerEnforced");
            });
    assertThat(operator.faults.injected() - injectedBefore).isEqualTo(2);
    assertThat(ownership(owner.admin, bucket)).contains("BucketOwnerEnforced");
    assertThat(aclGrantees(owner.admin, bucket)).isEmpty();

    List<ObjectNode> statements = BucketPolicies.statements(owner.admin, bucket);
    assertThat(statements.get(0)).isEqualTo(foreign);
    List<JsonNode> translated =
        statements.stream()
            .filter(
                s -> s.path("Principal").path("CanonicalUser").asText().equals(OTHER_CANONICAL_ID))
            .map(s -> (JsonNode) s)
            .toList();
    assertThat(translated)
        .extracting(s -> s.path("Resource").asText())
        .containsExactlyInAnyOrder("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*");
    assertThat(translated)
        .flatExtracting(s -> texts(s.path("Action")))
        .containsExactlyInAnyOrder(
            "s3:ListBucket",
            "s3:ListBucketMultipartUploads",
            "s3:ListBucketVersions",
            "s3:DeleteObject",
            "s3:PutObject");

    List<String> mutations =
        operator.faults.operationsOn(bucket).stream().filter(op -> op.startsWith("Put")).toList();
    // Policy first, then the ACL (refused once, because ownership looked enforced, and again
    // after the re-read), then ownership (refused once, because the ACL looked granting).
    assertThat(mutations.indexOf("PutBucketPolicy")).isGreaterThanOrEqualTo(0);
    assertThat(mutations.indexOf("PutBucketPolicy")).isLessThan(mutations.indexOf("PutBucketAcl"));
    assertThat(mutations.lastIndexOf("PutBucketAcl"))
        .isLessThan(mutations.indexOf("PutBucketOwnershipControls"));
    assertThat(mutations.stream().filter("PutBucketAcl"::equals).count()).isEqualTo(2);
    assertThat(mutations.stream().filter("PutBucketOwnershipControls"::equals).count())
        .isEqualTo(2);
    assertThat(mutations.get(mutations.size() - 1)).isEqualTo("PutBucketOwnershipControls");

    SharedBucket done = get(operator.client, "legacy");
    assertThat(done.getStatus().getAclGrants())
        .anySatisfy(
            grant -> {
              assertThat(grant.getGrantee()).isEqualTo(OTHER_CANONICAL_ID);
              assertThat(grant.getPermission()).isEqualTo("READ");
              assertThat(grant.getStatementId()).startsWith("S3SharesbmigB");
            });
    // Converged: later resyncs write nothing more.
    int writes = operator.faults.operationsOn(bucket).size();
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        operator
                            .faults
                            .operationsOn(bucket)
                            .subList(writes, operator.faults.operationsOn(bucket).size()))
                    .noneMatch(op -> op.startsWith("Put")));
  }

  @Test
  void aPublicGrantStallsTheMigrationUntilAPersonRemovesIt() {
    String bucket = "sbmig-public";
    owner.createBucket(bucket);
    putAcl(
        owner.admin,
        bucket,
        List.of(
            toGroup(SharedBucketFixture.ALL_USERS, Permission.READ),
            toCanonicalUser(OTHER_CANONICAL_ID, Permission.READ)));

    apply("public", bucket, ObjectOwnership.BucketOwnerEnforced);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SharedBucket resource = get(operator.client, "public");
              assertThat(assertStalled(resource, "PublicAclGrant").getMessage())
                  .contains(SharedBucketFixture.ALL_USERS)
                  .contains("remove these grants");
              assertThat(resource.getStatus().getAclMigration()).isEqualTo("Blocked");
            });
    assertThat(operator.faults.operationsOn(bucket))
        .doesNotContain("PutBucketAcl", "PutBucketOwnershipControls", "PutBucketPolicy");
    assertThat(aclGrantees(owner.admin, bucket))
        .contains(SharedBucketFixture.ALL_USERS, OTHER_CANONICAL_ID);

    // A person decides the bucket is not public and removes the grant.
    putAcl(owner.admin, bucket, List.of(toCanonicalUser(OTHER_CANONICAL_ID, Permission.READ)));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertReady(get(operator.client, "public"));
              assertThat(ownership(owner.admin, bucket)).contains("BucketOwnerEnforced");
            });
    assertThat(aclGrantees(owner.admin, bucket)).isEmpty();
    assertThat(BucketPolicies.statements(owner.admin, bucket))
        .anySatisfy(
            s ->
                assertThat(s.path("Principal").path("CanonicalUser").asText())
                    .isEqualTo(OTHER_CANONICAL_ID));
  }

  private static void apply(String name, String bucket, ObjectOwnership ownership) {
    SharedBucket resource = sharedBucket(name, owner.name, bucket);
    resource.getSpec().setObjectOwnership(ownership);
    created.add(name);
    operator.client.resource(resource).serverSideApply();
  }

  private static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }
}
