package io.s3share.operator.awsaccount;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.SharedBucket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Informers on BucketShares, CrossAccountRoles and SharedBuckets for the AwsAccount controller,
 * indexed by the account they name: the referrers of an account are a cache lookup, never a list
 * call per reconcile. A referrer's change or deletion wakes only an account that is being deleted,
 * so that share churn costs no AWS call for the accounts in use.
 */
final class ReferrerSources {

  private static final String BY_ACCOUNT = "byAccountRef";

  private final Set<String> watchNamespaces;

  /**
   * @param watchNamespaces where shares and roles are watched; empty means all namespaces
   */
  ReferrerSources(Set<String> watchNamespaces) {
    this.watchNamespaces = Set.copyOf(watchNamespaces);
  }

  List<EventSource<?, AwsAccount>> eventSources(EventSourceContext<AwsAccount> context) {
    return List.of(
        source(context, BucketShare.class, ReferrerSources::accountOf, watchNamespaces),
        source(context, CrossAccountRole.class, ReferrerSources::accountOf, watchNamespaces),
        // Cluster-scoped: watched everywhere, whatever namespaces the operator watches.
        source(context, SharedBucket.class, ReferrerSources::accountOf, Set.of()));
  }

  /** Who still uses {@code account}, from the informers' caches. */
  Referrers of(Context<AwsAccount> context, String account) {
    return new Referrers(
        names(context, BucketShare.class, account),
        names(context, CrossAccountRole.class, account),
        names(context, SharedBucket.class, account));
  }

  private static <R extends HasMetadata> List<String> names(
      Context<AwsAccount> context, Class<R> type, String account) {
    var source =
        (InformerEventSource<R, AwsAccount>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.byIndex(BY_ACCOUNT, account).stream()
        .map(
            r ->
                r.getMetadata().getNamespace() == null
                    ? r.getMetadata().getName()
                    : r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
        .toList();
  }

  private static <R extends HasMetadata> InformerEventSource<R, AwsAccount> source(
      EventSourceContext<AwsAccount> context,
      Class<R> type,
      Function<R, String> accountRef,
      Set<String> watchNamespaces) {
    var accounts = context.getPrimaryCache();
    var builder =
        InformerEventSourceConfiguration.from(type, AwsAccount.class)
            .withSecondaryToPrimaryMapper(
                (R referrer) ->
                    Optional.ofNullable(accountRef.apply(referrer))
                        .map(ResourceID::new)
                        .filter(
                            id ->
                                accounts
                                    .get(id)
                                    .map(a -> a.getMetadata().getDeletionTimestamp() != null)
                                    .orElse(false))
                        .map(Set::of)
                        .orElse(Set.of()))
            // AwsAccount is cluster-scoped; the referrers live in the watched namespaces.
            .withFollowControllerNamespacesChanges(false);
    if (watchNamespaces.isEmpty()) {
      builder.withWatchAllNamespaces();
    } else {
      builder.withNamespaces(watchNamespaces);
    }
    var source = new InformerEventSource<>(builder.build(), context);
    source.addIndexers(
        Map.of(
            BY_ACCOUNT,
            referrer -> Optional.ofNullable(accountRef.apply(referrer)).stream().toList()));
    return source;
  }

  private static String accountOf(BucketShare share) {
    return share.getSpec() == null || share.getSpec().getBucket() == null
        ? null
        : share.getSpec().getBucket().getAccountRef();
  }

  private static String accountOf(SharedBucket sharedBucket) {
    return sharedBucket.getSpec() == null ? null : sharedBucket.getSpec().getAccountRef();
  }

  private static String accountOf(CrossAccountRole role) {
    return role.getSpec() == null ? null : role.getSpec().getAccountRef();
  }
}
