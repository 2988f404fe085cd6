package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches AwsAccounts for a controller whose resources name one by {@code accountRef}: a change to
 * an account reconciles every resource that refers to it, and {@code
 * context.getSecondaryResource(AwsAccount.class)} finds the one a resource names.
 */
public final class AccountEventSource {

  private static final String BY_ACCOUNT = "byAccountRef";

  private AccountEventSource() {}

  public static <P extends HasMetadata> InformerEventSource<AwsAccount, P> of(
      EventSourceContext<P> context, Class<P> primary, Function<P, String> accountRef) {
    var resources = context.getPrimaryCache();
    resources.addIndexer(BY_ACCOUNT, resource -> List.of(accountRef.apply(resource)));
    var configuration =
        InformerEventSourceConfiguration.from(AwsAccount.class, primary)
            .withSecondaryToPrimaryMapper(
                (AwsAccount account) ->
                    resources.byIndex(BY_ACCOUNT, account.getMetadata().getName()).stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper(
                (P resource) -> Set.of(new ResourceID(accountRef.apply(resource))))
            // AwsAccount is cluster-scoped: it lives in no namespace the controller watches.
            .withWatchAllNamespaces()
            .withFollowControllerNamespacesChanges(false)
            .build();
    return new InformerEventSource<>(configuration, context);
  }
}
