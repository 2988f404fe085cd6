package io.s3share.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.s3share.operator.accesspoint.AccessPointConverger;
import io.s3share.operator.accesspoint.AccessPointNames;
import io.s3share.operator.accesspoint.AccessPointOwnership;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.aws.AccountDirectory;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.awsaccount.AwsAccountReconciler;
import io.s3share.operator.bucketshare.BucketKey;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.bucketshare.BucketPolicyWriter;
import io.s3share.operator.bucketshare.BucketShareReconciler;
import io.s3share.operator.bucketshare.BucketShareStatuses;
import io.s3share.operator.config.OperatorConfig;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.crossaccountrole.CrossAccountRoleReconciler;
import io.s3share.operator.crossaccountrole.CrossAccountRoleStatuses;
import io.s3share.operator.crossaccountrole.ExternalIdSecrets;
import io.s3share.operator.kube.AccountResolver;
import io.s3share.operator.kube.EventRecorder;
import io.s3share.operator.kube.TrimmedItemStore;
import io.s3share.operator.metrics.BucketPolicyMetrics;
import io.s3share.operator.metrics.BucketShareMetrics;
import io.s3share.operator.metrics.PostureMetrics;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.SidNamespace;
import io.s3share.operator.posture.PostureReports;
import io.s3share.operator.sharedbucket.SharedBucketReconciler;
import io.s3share.operator.sharedbucket.SharedBucketStatuses;
import io.s3share.operator.sharingpolicy.SharingPolicyGuard;
import io.s3share.operator.sharingpolicy.SharingPolicyMetrics;
import io.s3share.operator.sharingpolicy.SharingPolicyReconciler;
import java.time.Clock;
import java.time.Duration;

/**
 * The operator's reconcilers wired from a Kubernetes client, an AWS client factory and the
 * configuration. {@link Main} registers them with an {@link Operator}; tests register the very same
 * objects with JOSDK's test extension.
 */
public record Controllers(
    AwsAccountReconciler awsAccounts,
    BucketShareReconciler bucketShares,
    AccountDirectory accountDirectory,
    OperatorConfig config,
    CrossAccountRoleReconciler crossAccountRoles,
    SharingPolicyReconciler sharingPolicies,
    SharedBucketReconciler sharedBuckets)
    implements AutoCloseable {

  public static Controllers create(
      KubernetesClient client, AwsClientFactory aws, OperatorConfig config, Clock clock) {
    return create(client, aws, config, clock, new SimpleMeterRegistry());
  }

  /** Same as above, counting the operator's own metrics in {@code metrics}. */
  public static Controllers create(
      KubernetesClient client,
      AwsClientFactory aws,
      OperatorConfig config,
      Clock clock,
      MeterRegistry metrics) {
    SidNamespace sids = new SidNamespace(config.installationId());
    AccessPointNames accessPointNames = new AccessPointNames(config.installationId());
    AccountDirectory directory = new AccountDirectory(aws);
    AccountResolver resolver = new AccountResolver(client, directory);
    EventRecorder events = new EventRecorder(client, clock, config.eventNamespace());
    RaceMetrics races = new RaceMetrics(metrics);
    // One writer for every bucket policy: BucketShares and SharedBuckets serialise on it. A
    // policy it saw stands for AWS a little less than one resync period: the share whose resync
    // read it reads again at its next one, so drift is still found within a period.
    Duration resync = config.resyncPeriod();
    BucketPolicyWriter bucketPolicies =
        new BucketPolicyWriter(
            sids,
            races,
            new BucketPolicyMetrics(metrics, MergeResult.BUCKET_POLICY_LIMIT_BYTES),
            resync.minus(resync.dividedBy(10)),
            clock);
    // Shared by both kinds: a bucket that shares and role grants both use is read once, and its
    // policy not at all when the writer has just seen it.
    PostureReports posture =
        new PostureReports(
            config.resyncPeriod().dividedBy(2),
            config.objectAclSampleLimit(),
            clock,
            new PostureMetrics(metrics),
            (accountId, bucket) -> bucketPolicies.observed(new BucketKey(accountId, bucket)));
    return new Controllers(
        new AwsAccountReconciler(resolver, clock, config.resyncPeriod(), config.watchNamespaces()),
        new BucketShareReconciler(
            resolver,
            bucketPolicies,
            new BucketPlanner(sids),
            new BucketShareStatuses(clock),
            events,
            config.resyncPeriod(),
            new SharingPolicyGuard<>(config.sharingPolicies()),
            new BucketShareMetrics(metrics),
            new AccessPointConverger(
                sids,
                accessPointNames,
                new AccessPointOwnership(config.installationId(), accessPointNames, sids),
                races),
            accessPointNames,
            clock,
            posture,
            config.policyBatching()),
        directory,
        config,
        new CrossAccountRoleReconciler(
            resolver,
            new CrossAccountRoleModel(config.installationId(), config.permissionsBoundaryArn()),
            new ExternalIdSecrets(client),
            new CrossAccountRoleStatuses(clock, CrossAccountRoleStatuses.PROPAGATION_BOUND),
            events,
            config.resyncPeriod(),
            new SharingPolicyGuard<>(config.sharingPolicies()),
            clock,
            posture),
        new SharingPolicyReconciler(
            clock,
            config.sharingPolicies(),
            config.watchNamespaces(),
            new SharingPolicyMetrics(metrics)),
        new SharedBucketReconciler(
            resolver,
            bucketPolicies,
            config.installationId(),
            new SharedBucketStatuses(clock),
            events,
            config.resyncPeriod(),
            posture));
  }

  /** Registers every controller, with the resync period and watched namespaces applied. */
  public void registerWith(Operator operator) {
    operator.register(awsAccounts, c -> c.withReconciliationMaxInterval(config.resyncPeriod()));
    // Shares and roles are the kinds that come by the thousand: cache them without managedFields.
    operator.register(
        bucketShares,
        c -> {
          TrimmedItemStore.<BucketShare>forNamespaces(config.watchNamespaces())
              .ifPresent(c::withItemStore);
          c.withReconciliationMaxInterval(config.resyncPeriod());
          if (!config.watchNamespaces().isEmpty()) {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.register(
        crossAccountRoles,
        c -> {
          TrimmedItemStore.<CrossAccountRole>forNamespaces(config.watchNamespaces())
              .ifPresent(c::withItemStore);
          c.withReconciliationMaxInterval(config.resyncPeriod());
          if (!config.watchNamespaces().isEmpty()) {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.register(sharingPolicies);
    operator.register(sharedBuckets, c -> c.withReconciliationMaxInterval(config.resyncPeriod()));
  }

  @Override
  public void close() {
    accountDirectory.close();
  }
}
