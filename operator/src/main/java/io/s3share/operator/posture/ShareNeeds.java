package io.s3share.operator.posture;

import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Grants;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** What an access level asks of a bucket's objects. */
public final class ShareNeeds {

  private ShareNeeds() {}

  public static ShareNeed of(
      AccessLevel access, Set<String> extraActions, List<String> prefixes, boolean crossAccount) {
    SortedSet<String> actions = Grants.actionsOf(access, extraActions);
    boolean reads = actions.contains("s3:GetObject") || actions.contains("s3:GetObjectVersion");
    boolean writes = actions.contains("s3:PutObject");
    return new ShareNeed(reads, writes, crossAccount, prefixes);
  }
}
