package io.s3share.operator.posture;

import java.util.List;

/**
 * What a bounded look at object ACLs found: never the whole bucket.
 *
 * @param prefixes the prefixes listed; an empty string stands for the bucket's root
 * @param sampled how many objects' ACLs were read
 * @param limit the most objects one read may sample
 * @param skipped why no object was sampled, empty when some were (e.g. ACLs are disabled)
 * @param grants grants on sampled objects to other accounts or to everyone
 */
public record ObjectAclSample(
    List<String> prefixes, int sampled, int limit, String skipped, List<AclGrant> grants) {

  public ObjectAclSample {
    prefixes = List.copyOf(prefixes);
    grants = List.copyOf(grants);
  }

  /** No sample, and why. */
  public static ObjectAclSample skipped(List<String> prefixes, int limit, String why) {
    return new ObjectAclSample(prefixes, 0, limit, why, List.of());
  }
}
