package io.s3share.operator.kms;

import io.s3share.operator.policy.Conditions;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grants;
import io.s3share.operator.policy.Permission;
import io.s3share.operator.policy.ShareIntent;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** A share's grants in its bucket's KMS key policy: pure, least privilege, only through S3. */
public final class KeyGrants {

  /** KMS's key policy size limit. */
  public static final int KEY_POLICY_LIMIT_BYTES = 32 * 1024;

  static final String DECRYPT = "kms:Decrypt";
  static final String GENERATE_DATA_KEY = "kms:GenerateDataKey";
  static final String VIA_SERVICE = "kms:ViaService";
  static final String CONTEXT_ARN = "kms:EncryptionContext:aws:s3:arn";

  private KeyGrants() {}

  /**
   * The bucket a key encrypts, as the key policy's conditions need it.
   *
   * @param region the key's (and so the bucket's) Region, which names S3 in kms:ViaService
   * @param bucketKeyEnabled whether S3 Bucket Keys are on: S3 then asks KMS with the bucket's ARN
   *     as encryption context, else with each object's
   */
  public record KeyScope(String bucket, String region, boolean bucketKeyEnabled) {
    public KeyScope {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * The KMS actions S3 needs on the consumer's behalf: reading an object decrypts it; writing one
   * generates a data key, and a multipart upload also decrypts that key to finish. Listing needs
   * none.
   */
  public static SortedSet<String> actionsFor(ShareIntent intent) {
    SortedSet<String> s3 = Grants.actionsOf(intent.access(), intent.extraActions());
    SortedSet<String> kms = new TreeSet<>();
    if (s3.contains("s3:GetObject") || s3.contains("s3:GetObjectVersion")) {
      kms.add(DECRYPT);
    }
    if (s3.contains("s3:PutObject")) {
      kms.add(GENERATE_DATA_KEY);
      kms.add(DECRYPT);
    }
    return kms;
  }

  /** One grant per grantee; none when the share neither reads nor writes objects. */
  public static List<Grant> forShare(ShareIntent intent, KeyScope scope) {
    SortedSet<String> actions = actionsFor(intent);
    if (actions.isEmpty()) {
      return List.of();
    }
    // Resource "*" is the key itself in a key policy. The conditions keep the grant to requests
    // S3 makes for this bucket (or its shared prefixes), never direct use of the key.
    Conditions via =
        Conditions.of(
            Conditions.STRING_EQUALS,
            VIA_SERVICE,
            List.of("s3." + scope.region() + ".amazonaws.com"));
    Conditions conditions =
        scope.bucketKeyEnabled()
            ? via.with(
                Conditions.STRING_EQUALS, CONTEXT_ARN, List.of(Grants.bucketArn(scope.bucket())))
            : via.with(
                Conditions.STRING_LIKE,
                CONTEXT_ARN,
                Grants.objectArns(scope.bucket(), intent.prefixes()));
    Permission permission = Permission.of(actions, List.of("*"), conditions);
    return intent.grantees().stream().map(grantee -> new Grant(grantee, permission)).toList();
  }
}
