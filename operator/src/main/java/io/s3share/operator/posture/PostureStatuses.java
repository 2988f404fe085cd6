package io.s3share.operator.posture;

import io.s3share.operator.api.v1alpha1.AccessLoggingStatus;
import io.s3share.operator.api.v1alpha1.AclGrantStatus;
import io.s3share.operator.api.v1alpha1.DataEventsStatus;
import io.s3share.operator.api.v1alpha1.EncryptionStatus;
import io.s3share.operator.api.v1alpha1.ObjectAclSampleStatus;
import io.s3share.operator.api.v1alpha1.PostureFindingStatus;
import io.s3share.operator.api.v1alpha1.PostureStatus;
import io.s3share.operator.api.v1alpha1.PublicAccessBlockStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Builds {@code status.posture} from a posture and its findings; pure and deterministic. */
public final class PostureStatuses {

  public static final String NOT_SET = "NotSet";

  private PostureStatuses() {}

  public static PostureStatus of(BucketPosture posture, List<Finding> findings) {
    PostureStatus status = new PostureStatus();
    TreeSet<String> unreadable = new TreeSet<>();
    posture.objectOwnership().read().ifPresent(o -> status.setObjectOwnership(o.orElse(NOT_SET)));
    posture.bucketBlock().read().ifPresent(b -> status.setBucketBlockPublicAccess(of(b)));
    posture.accountBlock().read().ifPresent(b -> status.setAccountBlockPublicAccess(of(b)));
    posture.bucketAcl().read().ifPresent(g -> status.setBucketAclGrants(grants(g)));
    posture
        .aclConditionStatements()
        .read()
        .filter(sids -> !sids.isEmpty())
        .ifPresent(status::setAclConditionStatements);
    posture
        .encryption()
        .read()
        .ifPresent(
            e -> {
              EncryptionStatus encryption = new EncryptionStatus();
              encryption.setAlgorithm(e.algorithm());
              encryption.setKmsKeyId(e.kmsKeyId().orElse(null));
              encryption.setBucketKeyEnabled(e.bucketKeyEnabled());
              status.setEncryption(encryption);
            });
    posture
        .logging()
        .read()
        .ifPresent(
            target -> {
              AccessLoggingStatus logging = new AccessLoggingStatus();
              logging.setEnabled(target.isPresent());
              target.ifPresent(
                  t -> {
                    logging.setTargetBucket(t.bucket());
                    logging.setTargetPrefix(t.prefix());
                  });
              status.setAccessLogging(logging);
            });
    posture
        .objectAcls()
        .read()
        .ifPresent(
            s -> {
              ObjectAclSampleStatus sample = new ObjectAclSampleStatus();
              sample.setPrefixes(s.prefixes());
              sample.setSampled(s.sampled());
              sample.setLimit(s.limit());
              sample.setSkipped(s.skipped().isEmpty() ? null : s.skipped());
              sample.setGrants(grants(s.grants()));
              status.setObjectAcls(sample);
            });
    DataEventsStatus events = new DataEventsStatus();
    posture
        .dataEvents()
        .read()
        .ifPresentOrElse(
            d -> {
              events.setCoverage(d.recorded() ? "Recorded" : "NotRecorded");
              events.setTrails(d.trails().isEmpty() ? null : d.trails());
            },
            () -> events.setCoverage("Unknown"));
    status.setDataEvents(events);
    for (Fact<?> fact : posture.facts()) {
      if (fact instanceof Fact.Unreadable<?> missing) {
        unreadable.add(missing.iamAction());
      }
    }
    status.setUnreadable(unreadable.isEmpty() ? null : new ArrayList<>(unreadable));
    List<PostureFindingStatus> found = new ArrayList<>();
    for (Finding finding : findings.stream().sorted(Finding.ORDER).toList()) {
      PostureFindingStatus f = new PostureFindingStatus();
      f.setReason(finding.reason());
      f.setSeverity(finding.severity().name());
      f.setMessage(finding.message());
      found.add(f);
    }
    status.setFindings(found.isEmpty() ? null : found);
    return status;
  }

  private static PublicAccessBlockStatus of(PublicAccessBlock block) {
    PublicAccessBlockStatus status = new PublicAccessBlockStatus();
    status.setBlockPublicAcls(block.blockPublicAcls());
    status.setIgnorePublicAcls(block.ignorePublicAcls());
    status.setBlockPublicPolicy(block.blockPublicPolicy());
    status.setRestrictPublicBuckets(block.restrictPublicBuckets());
    return status;
  }

  private static List<AclGrantStatus> grants(List<AclGrant> grants) {
    if (grants.isEmpty()) {
      return null;
    }
    return grants.stream()
        .sorted(
            Comparator.comparing(AclGrant::key)
                .thenComparing(AclGrant::grantee)
                .thenComparing(AclGrant::permission))
        .map(
            g -> {
              AclGrantStatus status = new AclGrantStatus();
              status.setKey(g.key().isEmpty() ? null : g.key());
              status.setGrantee(g.grantee());
              status.setPermission(g.permission());
              return status;
            })
        .toList();
  }
}
