package io.s3share.operator.sharedbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.aws.BucketAclPort.GranteeType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTranslationTest {

  static final String OWNER_ID = "a".repeat(64);
  static final String OTHER_ID = "b".repeat(64);
  static final BucketStatementSids SIDS = new BucketStatementSids("test", "legacy");

  @Test
  void bucketReadBecomesTheThreeListActionsOnTheBucket() {
    var result = translate(new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "READ"));

    assertThat(result.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("Principal").path("CanonicalUser").asText()).isEqualTo(OTHER_ID);
              assertThat(actions(s))
                  .containsExactly(
                      "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions");
              assertThat(s.path("Resource").asText()).isEqualTo("arn:aws:s3:::data");
            });
  }

  @Test
  void bucketWriteBecomesPutAndDeleteOnTheObjects() {
    var result = translate(new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "WRITE"));

    assertThat(result.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(actions(s)).containsExactly("s3:DeleteObject", "s3:PutObject");
              assertThat(s.path("Resource").asText()).isEqualTo("arn:aws:s3:::data/*");
            });
  }

  @Test
  void fullControlIsReadAndWriteButNeverTheAclActions() {
    var result = translate(new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "FULL_CONTROL"));

    assertThat(result.statements()).hasSize(2);
    assertThat(result.statements().stream().flatMap(s -> actions(s).stream()))
        .doesNotContain("s3:PutBucketAcl", "s3:GetBucketAcl")
        .contains("s3:ListBucket", "s3:PutObject");
  }

  @Test
  void aclPermissionsTranslateToNothingAndSaySo() {
    var result =
        translate(
            new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "READ_ACP"),
            new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "WRITE_ACP"));

    assertThat(result.statements()).isEmpty();
    assertThat(result.grants().stream().filter(t -> t.grant().id().equals(OTHER_ID)))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.note()).contains("nothing to translate"));
    assertThat(result.grantsOthers()).isTrue();
  }

  @Test
  void theOwnersOwnGrantIsNotTranslatedAndAPrivateAclGrantsNoOne() {
    var result = translate(new AclGrant(GranteeType.CanonicalUser, OWNER_ID, "FULL_CONTROL"));

    assertThat(result.statements()).isEmpty();
    assertThat(result.grantsOthers()).isFalse();
  }

  @Test
  void publicAndEmailGrantsAreNeverTranslated() {
    var result =
        translate(
            new AclGrant(GranteeType.Group, AclTranslation.ALL_USERS, "READ"),
            new AclGrant(GranteeType.Group, AclTranslation.AUTHENTICATED_USERS, "WRITE"),
            new AclGrant(GranteeType.AmazonCustomerByEmail, "someone@example.com", "READ"));

    assertThat(result.statements()).isEmpty();
    assertThat(result.publicGrants()).hasSize(2);
    assertThat(result.emailGrants()).hasSize(1);
  }

  @Test
  void logDeliveryGroupBecomesTheServiceStatementPinnedToTheAccount() {
    var result = translate(new AclGrant(GranteeType.Group, AclTranslation.LOG_DELIVERY, "WRITE"));

    assertThat(result.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("Principal").path("Service").asText())
                  .isEqualTo("logging.s3.amazonaws.com");
              assertThat(
                      s.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                  .isEqualTo("111122223333");
            });
  }

  @Test
  void sidsAreStableAndOwnedByTheSharedBucketOnly() {
    var once = translate(new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "READ"));
    var again = translate(new AclGrant(GranteeType.CanonicalUser, OTHER_ID, "READ"));

    String sid = once.statements().get(0).path("Sid").asText();
    assertThat(again.statements().get(0).path("Sid").asText()).isEqualTo(sid);
    assertThat(SIDS.owns(sid)).isTrue();
    assertThat(new BucketStatementSids("test", "other").owns(sid)).isFalse();
    assertThat(new io.s3share.operator.policy.SidNamespace("test").owns(sid)).isFalse();
  }

  private static AclTranslation.Result translate(AclGrant... grants) {
    List<AclGrant> all = new ArrayList<>();
    all.add(new AclGrant(GranteeType.CanonicalUser, OWNER_ID, "FULL_CONTROL"));
    all.addAll(List.of(grants));
    return AclTranslation.translate("aws", "data", "111122223333", new Acl(OWNER_ID, all), SIDS);
  }

  private static List<String> actions(ObjectNode statement) {
    List<String> actions = new ArrayList<>();
    statement.path("Action").forEach(a -> actions.add(a.asText()));
    if (statement.path("Action").isTextual()) {
      actions.add(statement.path("Action").asText());
    }
    return actions;
  }
}
