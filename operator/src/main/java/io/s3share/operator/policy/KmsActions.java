package io.s3share.operator.policy;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The KMS actions S3 performs for the caller when it reads or writes SSE-KMS objects; pure. */
public final class KmsActions {

  public static final String DECRYPT = "kms:Decrypt";
  public static final String GENERATE_DATA_KEY = "kms:GenerateDataKey";

  private static final Set<String> READS = Set.of("s3:GetObject", "s3:GetObjectVersion");
  private static final String WRITE = "s3:PutObject";

  private KmsActions() {}

  /**
   * What the caller's identity must allow on the bucket's key for these S3 actions: reading
   * decrypts; writing generates a data key, and decrypts too, since a multipart upload decrypts the
   * data key for each part. Listing needs nothing.
   */
  public static SortedSet<String> forS3Actions(Collection<String> s3Actions) {
    SortedSet<String> kms = new TreeSet<>();
    if (s3Actions.stream().anyMatch(READS::contains)) {
      kms.add(DECRYPT);
    }
    if (s3Actions.contains(WRITE)) {
      kms.add(DECRYPT);
      kms.add(GENERATE_DATA_KEY);
    }
    return kms;
  }
}
