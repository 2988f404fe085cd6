package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.aws.BucketEncryptionPort.DefaultEncryption;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a bucket's default encryption names its key, for shares and roles alike. */
class DefaultKeyTest {

  static final String OWNER = "111122223333";

  static DefaultKey of(String algorithm, String keyId) {
    return DefaultKey.of(
        Optional.of(new DefaultEncryption(algorithm, Optional.ofNullable(keyId))),
        OWNER,
        "eu-west-1");
  }

  @Test
  void noKmsMeansNoKey() {
    assertThat(DefaultKey.of(Optional.empty(), OWNER, "eu-west-1")).isEqualTo(DefaultKey.NONE);
    assertThat(of("AES256", null)).isEqualTo(DefaultKey.NONE);
  }

  @Test
  void theAwsManagedKeyNamedOrImplied() {
    assertThat(of("aws:kms", null)).isInstanceOf(DefaultKey.AwsManaged.class);
    assertThat(of("aws:kms", "alias/aws/s3")).isInstanceOf(DefaultKey.AwsManaged.class);
    assertThat(of("aws:kms:dsse", "arn:aws:kms:eu-west-1:" + OWNER + ":alias/aws/s3"))
        .isInstanceOf(DefaultKey.AwsManaged.class);
  }

  @Test
  void aBareKeyIdIsAKeyOfTheBucketsAccountAndRegion() {
    assertThat(of("aws:kms", "1234abcd"))
        .isEqualTo(new DefaultKey.InAccount("arn:aws:kms:eu-west-1:" + OWNER + ":key/1234abcd"));
    assertThat(
            DefaultKey.of(
                Optional.of(new DefaultEncryption("aws:kms", Optional.of("k"))),
                OWNER,
                "cn-north-1"))
        .isEqualTo(new DefaultKey.InAccount("arn:aws-cn:kms:cn-north-1:" + OWNER + ":key/k"));
  }

  @Test
  void keyArnsAreOursOrAnotherAccountsAndOtherAliasesAreNotResolved() {
    String own = "arn:aws:kms:eu-west-1:" + OWNER + ":key/k";
    String foreign = "arn:aws:kms:eu-west-1:444455556666:key/k";
    assertThat(of("aws:kms", own)).isEqualTo(new DefaultKey.InAccount(own));
    assertThat(of("aws:kms", foreign))
        .isEqualTo(new DefaultKey.OtherAccount(foreign, "444455556666"));
    assertThat(of("aws:kms", "alias/team-key")).isEqualTo(new DefaultKey.Alias("alias/team-key"));
  }
}
