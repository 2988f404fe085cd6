package io.s3share.operator.aws;

import java.util.Optional;

/** The default encryption of one account's buckets, as S3 reports it. */
public interface BucketEncryptionPort {

  /**
   * The default encryption a new object gets.
   *
   * @param algorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
   * @param kmsKeyId the key id, key ARN or alias the bucket names, when it names one
   * @param bucketKeyEnabled whether S3 Bucket Keys are on: then S3 asks KMS with the bucket's ARN
   *     as encryption context instead of each object's
   */
  record DefaultEncryption(String algorithm, Optional<String> kmsKeyId, boolean bucketKeyEnabled) {

    public DefaultEncryption(String algorithm, Optional<String> kmsKeyId) {
      this(algorithm, kmsKeyId, false);
    }

    /** Whether S3 encrypts new objects with a KMS key. */
    public boolean usesKms() {
      return algorithm.startsWith("aws:kms");
    }
  }

  /** The bucket's default encryption, or empty when S3 reports none. */
  Optional<DefaultEncryption> read(String bucket);
}
