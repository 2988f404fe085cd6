package io.s3share.operator.sharedbucket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Sids of the bucket-level statements one SharedBucket owns: {@code S3Share<installationId>B<8
 * hex of its name><16 hex of the statement>}.
 *
 * <p>The upper-case {@code B} after the lower-case installation id keeps them outside every
 * installation's share namespace ({@code S3Share<id>X...}): the writes for BucketShares treat them
 * as statements of others and keep them byte for byte, whatever their informer caches hold. Only
 * the SharedBucket's own converge, under the same per-bucket lock, changes them.
 */
public record BucketStatementSids(String installationId, String sharedBucketName) {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");

  /** Everything before the statement's hash; unique to this installation and SharedBucket. */
  public String prefix() {
    return "S3Share" + installationId + "B" + hex(sharedBucketName, 4);
  }

  /** Whether this SharedBucket wrote the statement with this Sid. */
  public boolean owns(String sid) {
    return sid != null
        && sid.startsWith(prefix())
        && HASH.matcher(sid.substring(prefix().length())).matches();
  }

  /** The Sid for a statement, from its canonical text without the Sid: stable across writes. */
  public String sidFor(String statementWithoutSid) {
    return prefix() + hex(statementWithoutSid, 8);
  }

  private static String hex(String text, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
