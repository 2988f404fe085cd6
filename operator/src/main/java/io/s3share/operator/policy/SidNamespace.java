package io.s3share.operator.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The Sids one operator installation owns: {@code S3Share<installationId>X<16 hex>}. */
public record SidNamespace(String installationId) {

  private static final Pattern INSTALLATION_ID = Pattern.compile("[a-z0-9]{1,16}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");
  private static final String PREFIX = "S3Share";
  // Upper-case separator after a lower-case id: no installation's prefix is another's prefix.
  private static final String SEPARATOR = "X";

  public SidNamespace {
    if (installationId == null || !INSTALLATION_ID.matcher(installationId).matches()) {
      throw new IllegalArgumentException(
          "installation id must be 1 to 16 lowercase letters or digits, got: " + installationId);
    }
  }

  /** Everything before the hash; unique to this installation. */
  public String sidPrefix() {
    return PREFIX + installationId + SEPARATOR;
  }

  /** True when the Sid was written by this installation; null and other Sids are foreign. */
  public boolean owns(String sid) {
    String prefix = sidPrefix();
    return sid != null
        && sid.startsWith(prefix)
        && HASH.matcher(sid.substring(prefix.length())).matches();
  }

  public String sidFor(StatementKey key) {
    return sidFor(key.canonical());
  }

  /** The Sid for any canonical statement text (e.g. an IAM statement built elsewhere). */
  public String sidFor(String canonicalKey) {
    byte[] digest = sha256().digest(canonicalKey.getBytes(StandardCharsets.UTF_8));
    return sidPrefix() + HexFormat.of().formatHex(digest, 0, 8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
