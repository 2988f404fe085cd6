package io.s3share.operator.accesspoint;

import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Access point names: {@code s3s-<installation id>-} and the share's chosen or derived part. The
 * prefix belongs to one installation, so the bucket policy's delegation can name exactly our access
 * points with one {@code s3:DataAccessPointArn} pattern.
 */
public final class AccessPointNames {

  private static final int HASH_CHARS = 8;
  // Room for "-" and the hash inside the 29 characters a share's part may take.
  private static final int READABLE_CHARS = AccessPointSpec.MAX_NAME_LENGTH - HASH_CHARS - 1;

  private final String prefix;

  public AccessPointNames(String installationId) {
    this.prefix = "s3s-" + installationId + "-";
  }

  /** What every access point of this installation's name starts with. */
  public String prefix() {
    return prefix;
  }

  /** The full name of the share's access point, from its spec as it is now. */
  public String nameFor(BucketShare share) {
    return prefix
        + Optional.ofNullable(share.getSpec().getAccessPoint())
            .map(AccessPointSpec::getName)
            .orElseGet(
                () -> derived(share.getMetadata().getNamespace(), share.getMetadata().getName()));
  }

  /**
   * A readable, unique part from the namespace and name: both are DNS labels or subdomains, so only
   * dots need replacing; the hash keeps truncated names apart.
   */
  static String derived(String namespace, String name) {
    String readable = (namespace + "-" + name).replace('.', '-');
    if (readable.length() > READABLE_CHARS) {
      readable = readable.substring(0, READABLE_CHARS);
    }
    readable = readable.replaceAll("-+$", "");
    return readable + "-" + hash(namespace + "/" + name);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
