package io.s3share.operator.posture;

import java.util.Optional;

/**
 * A bucket's default encryption.
 *
 * @param algorithm AES256, aws:kms or aws:kms:dsse
 * @param kmsKeyId the key the bucket names, if any; none with aws:kms means the AWS managed key
 * @param bucketKeyEnabled whether S3 Bucket Keys are on
 */
public record Encryption(String algorithm, Optional<String> kmsKeyId, boolean bucketKeyEnabled) {

  /** What S3 uses when a bucket reports no default encryption. */
  public static final Encryption S3_MANAGED = new Encryption("AES256", Optional.empty(), false);

  public boolean usesKms() {
    return algorithm.startsWith("aws:kms");
  }
}
