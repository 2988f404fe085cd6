package io.s3share.operator.kms;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.KeyPolicyManagement;
import io.s3share.operator.bucketshare.ShareDocuments;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.testing.Shares;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the converger does with each kind of default key, without AWS. */
class KeyPolicyConvergerTest {

  static final String OWNER = "111122223333";
  static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";
  static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\","
          + "\"Resource\":\"*\"}]}";

  final KeyPolicyConverger converger = new KeyPolicyConverger(new SidNamespace("kmsconv"));
  final FakeKeyPolicyPort port = new FakeKeyPolicyPort(POLICY);

  static BucketShare share(Access access, Consumer consumer) {
    BucketShare share =
        Shares.share("team", "s", "owner", "data", access, List.of(consumer), List.of());
    share.getMetadata().setUid("uid-s");
    return share;
  }

  KeyPolicyConverger.Converged converge(
      BucketShare share, ShareDocuments.KeySide key, KeyPolicyManagement mode) {
    return converger.converge(
        share,
        new KeyPolicyConverger.Scene(
            OWNER, mode, port, bucket -> key, () -> List.of(share), other -> true));
  }

  @Test
  void theAwsManagedKeyStallsAConsumerOfAnotherAccountOrAnOrganization() {
    var managed = new ShareDocuments.AwsManagedKey("aws/s3");

    for (Consumer outside :
        List.of(Consumer.account("222233334444"), Consumer.organization("o-abcdef1234"))) {
      var converged = converge(share(Access.Read, outside), managed, KeyPolicyManagement.Manage);
      assertThat(converged.notReady())
          .hasValueSatisfying(
              outcome -> {
                assertThat(outcome.reason()).isEqualTo("KmsKeyNotShareable");
                assertThat(outcome.message()).contains("PutBucketEncryption");
              });
    }
    assertThat(
            converge(
                    share(Access.Read, Consumer.account(OWNER)),
                    managed,
                    KeyPolicyManagement.Manage)
                .notReady())
        .isEmpty();
    assertThat(port.writes).isEmpty();
  }

  @Test
  void keysThatAreNotOursToWriteAreReportedAndLeftAlone() {
    for (var cause :
        List.of(ShareDocuments.Cause.OTHER_ACCOUNT, ShareDocuments.Cause.POLICY_NOT_READABLE)) {
      var converged =
          converge(
              share(Access.Read, Consumer.account("222233334444")),
              new ShareDocuments.UnreadableKey(cause, KEY, "Could not read it"),
              KeyPolicyManagement.Manage);

      assertThat(converged.notReady()).isEmpty();
      assertThat(converged.status())
          .hasValueSatisfying(
              status -> {
                assertThat(status.getKeyArn()).isEqualTo(KEY);
                assertThat(status.getMessage()).startsWith("Could not read it");
              });
    }
    assertThat(port.writes).isEmpty();
  }

  @Test
  void listingNeedsNoKeyAndReportWritesNothing() {
    var key = new ShareDocuments.CustomerKey(KEY, POLICY);

    assertThat(
            converge(
                    share(Access.List, Consumer.account("222233334444")),
                    key,
                    KeyPolicyManagement.Manage)
                .status())
        .isEmpty();
    var reported =
        converge(
            share(Access.Read, Consumer.account("222233334444")), key, KeyPolicyManagement.Report);
    assertThat(reported.status().orElseThrow().getManagement())
        .isEqualTo(KeyPolicyManagement.Report);
    assertThat(port.writes).isEmpty();

    var managed =
        converge(
            share(Access.Read, Consumer.account("222233334444")), key, KeyPolicyManagement.Manage);
    assertThat(port.writes).hasSize(1);
    assertThat(managed.written().orElseThrow().policy()).contains("222233334444");
    assertThat(managed.status().orElseThrow().getStatementIds()).hasSize(1);
  }
}
