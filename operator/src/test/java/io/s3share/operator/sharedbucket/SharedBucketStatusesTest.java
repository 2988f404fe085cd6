package io.s3share.operator.sharedbucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.SharedBucket;
import io.s3share.operator.api.v1alpha1.SharedBucketStatus;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.aws.BucketAclPort.GranteeType;
import io.s3share.operator.status.Conditions;
import io.s3share.operator.status.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedBucketStatusesTest {

  static final String OWNER_ID = "a".repeat(64);
  static final String OTHER_ID = "b".repeat(64);
  static final BucketStatementSids SIDS = new BucketStatementSids("test", "legacy");

  @Test
  void grantsFoundButNotMovedNameNoStatement() {
    SharedBucketStatus status = new SharedBucketStatus();

    SharedBucketStatuses.migration(
        status, report(MigrationStep.NotRequested, acl(grant(OTHER_ID, "READ"))));

    assertThat(status.getAclMigration()).isEqualTo("NotRequested");
    assertThat(status.getAclGrants())
        .filteredOn(g -> g.getGrantee().equals(OTHER_ID))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.getStatementId()).isNull();
              assertThat(g.getActions()).contains("s3:ListBucket");
              assertThat(g.getNote()).contains("Still granted by the ACL");
            });
  }

  @Test
  void grantsMovedEarlierStayInStatusOnceTheAclIsPrivate() {
    SharedBucketStatus status = new SharedBucketStatus();
    SharedBucketStatuses.migration(
        status, report(MigrationStep.GrantsTranslated, acl(grant(OTHER_ID, "READ"))));

    // The next reconcile reads the private ACL: the grant is gone from it, not from status.
    SharedBucketStatuses.migration(status, report(MigrationStep.Enforced, acl()));

    assertThat(status.getAclGrants())
        .anySatisfy(
            g -> {
              assertThat(g.getGrantee()).isEqualTo(OTHER_ID);
              assertThat(g.getStatementId()).startsWith(SIDS.prefix());
            });
  }

  @Test
  void readySaysWhatToReviewAndKeepsTheTransitionTime() {
    SharedBucket resource = new SharedBucket();
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("legacy")
            .withGeneration(3L)
            .build());
    resource.setSpec(new io.s3share.operator.api.v1alpha1.SharedBucketSpec());
    resource.getSpec().setBucket("data");
    SharedBucketStatus status = new SharedBucketStatus();
    status.setObjectOwnership("BucketOwnerEnforced");
    status.setAclMigration("Enforced");
    status.setAclConditionStatements(List.of("RequireOwnerControl"));

    Outcome ready = SharedBucketStatuses.converged(resource, status);
    SharedBucketStatuses first = new SharedBucketStatuses(clockAt("2026-01-01T00:00:00Z"));
    resource.setStatus(first.withOutcome(resource, status, ready));
    SharedBucketStatus later =
        new SharedBucketStatuses(clockAt("2026-01-02T00:00:00Z")).next(resource, ready);

    assertThat(ready.isReady()).isTrue();
    assertThat(ready.message())
        .contains("ACLs off")
        .contains("RequireOwnerControl")
        .contains("bucket-owner-full-control");
    assertThat(later.getObservedGeneration()).isEqualTo(3L);
    assertThat(Conditions.find(later.getConditions(), Conditions.READY))
        .hasValueSatisfying(
            c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z"));
  }

  private static AclMigration.Report report(MigrationStep step, Acl acl) {
    return new AclMigration.Report(
        step,
        Optional.of("ObjectWriter"),
        Optional.of(AclTranslation.translate("aws", "data", "111122223333", acl, SIDS)),
        Optional.empty());
  }

  private static Acl acl(AclGrant... grants) {
    List<AclGrant> all = new java.util.ArrayList<>(List.of(grant(OWNER_ID, "FULL_CONTROL")));
    all.addAll(List.of(grants));
    return new Acl(OWNER_ID, all);
  }

  private static AclGrant grant(String id, String permission) {
    return new AclGrant(GranteeType.CanonicalUser, id, permission);
  }

  private static Clock clockAt(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
