package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.BucketEncryptionPort;
import io.s3share.operator.aws.BucketEncryptionPort.DefaultEncryption;
import io.s3share.operator.aws.KeyPolicyPort;
import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ShareIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which key document a share is judged against, and which reads that takes. */
class DefaultKeyReaderTest {

  static final String OWNER = "111122223333";
  static final String POLICY = "{\"Statement\":[]}";

  final List<String> keyReads = new ArrayList<>();
  final KeyPolicyPort keys =
      new KeyPolicyPort() {
        @Override
        public Optional<String> read(String arn) {
          keyReads.add(arn);
          return Optional.of(POLICY);
        }

        @Override
        public void write(String keyArn, String policy) {
          throw new AssertionError("reading a bucket's default key never writes");
        }
      };

  static BucketEncryptionPort kms(String keyId) {
    return bucket -> Optional.of(new DefaultEncryption("aws:kms", Optional.ofNullable(keyId)));
  }

  ShareDocuments.KeySide read(BucketEncryptionPort encryption) {
    return DefaultKeyReader.read("data", OWNER, "eu-west-1", encryption, keys);
  }

  @Test
  void onlySharesThatReadOrWriteObjectsNeedTheKey() {
    assertThat(DefaultKeyReader.needsKey(intent(AccessLevel.LIST))).isFalse();
    assertThat(DefaultKeyReader.needsKey(intent(AccessLevel.READ))).isTrue();
    assertThat(DefaultKeyReader.needsKey(intent(AccessLevel.WRITE))).isTrue();
  }

  @Test
  void aBareKeyIdIsTheOwnersKeyInTheBucketsRegion() {
    assertThat(read(kms("1234abcd")))
        .isEqualTo(
            new ShareDocuments.CustomerKey(
                "arn:aws:kms:eu-west-1:111122223333:key/1234abcd", POLICY));
    assertThat(keyReads).containsExactly("arn:aws:kms:eu-west-1:111122223333:key/1234abcd");
  }

  @Test
  void noKeyIdOrTheAwsS3AliasIsTheAwsManagedKey() {
    assertThat(read(kms(null))).isInstanceOf(ShareDocuments.AwsManagedKey.class);
    assertThat(read(kms("alias/aws/s3"))).isInstanceOf(ShareDocuments.AwsManagedKey.class);
    assertThat(keyReads).isEmpty();
  }

  @Test
  void anotherAccountsKeyIsNotReadAndSaidSo() {
    ShareDocuments.KeySide side = read(kms("arn:aws:kms:eu-west-1:999988887777:key/abc"));

    assertThat(side).isInstanceOf(ShareDocuments.UnreadableKey.class);
    assertThat(((ShareDocuments.UnreadableKey) side).why()).contains("another account");
    assertThat(((ShareDocuments.UnreadableKey) side).cause())
        .isEqualTo(ShareDocuments.Cause.OTHER_ACCOUNT);
    assertThat(keyReads).isEmpty();
  }

  @Test
  void sseS3OrNoDefaultEncryptionNeedsNoKey() {
    assertThat(read(bucket -> Optional.of(new DefaultEncryption("AES256", Optional.empty()))))
        .isEqualTo(ShareDocuments.NO_KEY);
    assertThat(read(bucket -> Optional.empty())).isEqualTo(ShareDocuments.NO_KEY);
  }

  @Test
  void aPolicyWithoutTheNewReadKeepsTheShareGoingAndSaysWhatToGrant() {
    BucketEncryptionPort denied =
        bucket -> {
          throw AwsCallException.accessDenied("not allowed", null, "s3:GetEncryptionConfiguration");
        };

    ShareDocuments.KeySide side = read(denied);

    assertThat(side).isInstanceOf(ShareDocuments.UnreadableKey.class);
    assertThat(((ShareDocuments.UnreadableKey) side).why())
        .contains("AccessDenied")
        .contains("s3:GetEncryptionConfiguration");
    assertThat(((ShareDocuments.UnreadableKey) side).cause())
        .isEqualTo(ShareDocuments.Cause.ENCRYPTION_NOT_READABLE);
  }

  @Test
  void throttlingIsRetriedNotReported() {
    BucketEncryptionPort throttled =
        bucket -> {
          throw AwsCallException.retryable("Throttling", "slow down", null);
        };

    assertThatThrownBy(() -> read(throttled)).isInstanceOf(AwsCallException.class);
  }

  static ShareIntent intent(AccessLevel level) {
    return new ShareIntent(
        "data", List.of(Grantee.account("444455556666")), level, Set.of(), List.of(), true);
  }
}
