package io.s3share.operator.crossaccountrole;

import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.RoleGrantStatus;
import io.s3share.operator.bucketshare.ShareModel;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.posture.PosturePorts;
import io.s3share.operator.posture.PostureReports;
import io.s3share.operator.posture.ShareNeeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The read-only posture of each bucket a CrossAccountRole grants, for {@code status.grants}. */
final class GrantPostures {

  private final AccountResolver accounts;
  private final PostureReports posture;

  GrantPostures(AccountResolver accounts, PostureReports posture) {
    this.accounts = accounts;
    this.posture = posture;
  }

  /**
   * One entry per grant, in spec order. A bucket AWS could not be read for just now keeps the
   * posture the previous status showed.
   */
  List<RoleGrantStatus> of(CrossAccountRole role, AwsAccount account) {
    String accountId = account.getSpec().getAccountId();
    List<RoleGrant> grants =
        role.getSpec().getGrants() == null ? List.of() : role.getSpec().getGrants();
    String prefix = reporter(role);
    posture.forget(prefix);
    List<RoleGrantStatus> statuses = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < grants.size(); i++) {
      RoleGrant grant = grants.get(i);
      // The role acts inside the bucket's own account: aws/s3 is no obstacle to it.
      Optional<PostureStatus> read =
          posture.report(
              prefix + i,
              grant.getBucket(),
              ShareNeeds.of(
                  ShareModel.level(grant.getAccess()),
                  grant.getActions() == null ? Set.of() : Set.copyOf(grant.getActions()),
                  grant.getPrefixes() == null ? List.of() : grant.getPrefixes(),
                  false),
              accountId,
              () -> PosturePorts.of(accounts.clientsFor(account)));
      RoleGrantStatus status = new RoleGrantStatus();
      status.setBucket(grant.getBucket());
      status.setPosture(read.orElseGet(() -> previous(role, grant.getBucket(), seen)));
      seen.add(grant.getBucket());
      statuses.add(status);
    }
    return statuses;
  }

  /** Drops a deleted role's findings from the metric. */
  void forget(CrossAccountRole role) {
    posture.forget(reporter(role));
  }

  private static String reporter(CrossAccountRole role) {
    return "CrossAccountRole/" + CrossAccountRoleModel.owner(role) + "/";
  }

  private static PostureStatus previous(CrossAccountRole role, String bucket, Set<String> seen) {
    if (role.getStatus() == null || role.getStatus().getGrants() == null) {
      return null;
    }
    return role.getStatus().getGrants().stream()
        .filter(g -> bucket.equals(g.getBucket()))
        .skip(seen.contains(bucket) ? 1 : 0)
        .findFirst()
        .map(RoleGrantStatus::getPosture)
        .orElse(null);
  }
}
