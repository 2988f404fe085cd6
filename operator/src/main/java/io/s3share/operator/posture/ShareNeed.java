package io.s3share.operator.posture;

import java.util.List;

/**
 * What a share or a role grant does with a bucket, which decides which findings matter.
 *
 * @param readsObjects whether it reads object content
 * @param writesObjects whether it writes objects
 * @param crossAccount whether its principals are in other accounts (a BucketShare); a
 *     CrossAccountRole's role acts inside the bucket's own account
 * @param prefixes the object-key prefixes it is limited to; empty for the whole bucket
 */
public record ShareNeed(
    boolean readsObjects, boolean writesObjects, boolean crossAccount, List<String> prefixes) {

  public ShareNeed {
    prefixes = List.copyOf(prefixes);
  }

  public boolean touchesObjects() {
    return readsObjects || writesObjects;
  }
}
