package io.s3share.operator.sharedbucket;

import static io.s3share.operator.sharedbucket.SharedBucketFixture.OTHER_CANONICAL_ID;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.assertReady;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.putAcl;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.sharedBucket;
import static io.s3share.operator.sharedbucket.SharedBucketFixture.toCanonicalUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.ObjectOwnership;
import io.s3share.operator.api.v1alpha1.PostureFindingStatus;
import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.Permission;

/**
 * When a SharedBucket changes its bucket's posture, the shares on the bucket report the new posture
 * at once, not only when their cached read of it runs out: the resync period here is far longer
 * than the test.
 */
@ExtendWith(MotoExtension.class)
class PostureFollowsSharedBucketIT {

  static final String OWNER = "151515151515";
  static final String CONSUMER = "161616161616";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create("sbpost", Duration.ofMinutes(30));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "sbpost-owner", OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, SharedBucket.class, List.of("sbpost-legacy"));
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aShareReportsTheMigratedPostureAsSoonAsTheSharedBucketIsDone() {
    String bucket = "sbpost-legacy";
    owner.createBucket(bucket);
    putAcl(owner.admin, bucket, List.of(toCanonicalUser(OTHER_CANONICAL_ID, Permission.READ)));
    operator
        .client
        .resource(
            Shares.share(
                operator.namespace(),
                "reader",
                owner.name,
                bucket,
                Access.Read,
                List.of(Consumer.account(CONSUMER)),
                List.of("reports/")))
        .serverSideApply();
    PostureStatus before = awaitPosture(p -> reasons(p).contains("BucketAclGrant"));
    assertThat(reasons(before)).contains("AclsEnabled");

    SharedBucket resource = sharedBucket(bucket, owner.name, bucket);
    resource.getSpec().setObjectOwnership(ObjectOwnership.BucketOwnerEnforced);
    operator.client.resource(resource).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertReady(SharedBucketFixture.get(operator.client, bucket)));

    PostureStatus after = awaitPosture(p -> "BucketOwnerEnforced".equals(p.getObjectOwnership()));
    assertThat(reasons(after)).doesNotContain("AclsEnabled", "BucketAclGrant");
  }

  private static List<String> reasons(PostureStatus posture) {
    return posture.getFindings() == null
        ? List.of()
        : posture.getFindings().stream().map(PostureFindingStatus::getReason).toList();
  }

  private static PostureStatus awaitPosture(java.util.function.Predicate<PostureStatus> settled) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare share = share();
              assertThat(share).isNotNull();
              assertThat(share.getStatus()).isNotNull();
              assertThat(share.getStatus().getPosture()).isNotNull();
              assertThat(settled.test(share.getStatus().getPosture()))
                  .as(
                      "ownership %s, findings %s",
                      share.getStatus().getPosture().getObjectOwnership(),
                      reasons(share.getStatus().getPosture()))
                  .isTrue();
            });
    return share().getStatus().getPosture();
  }

  private static BucketShare share() {
    return operator
        .client
        .resources(BucketShare.class)
        .inNamespace(operator.namespace())
        .withName("reader")
        .get();
  }
}
